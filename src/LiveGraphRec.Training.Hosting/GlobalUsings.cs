global using LiveGraphRec.Grains.Abstractions;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
global using Orleans;

global using LiveGraphRec.Core.Data;
global using LiveGraphRec.Grains.Abstractions;
global using Orleans;

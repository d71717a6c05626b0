global using System.ComponentModel.DataAnnotations;
global using LiveGraphRec.Grains.Abstractions;
global using Microsoft.Extensions.Options;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Orleans;
global using Orleans.Hosting;
global using Orleans.Runtime;

using LiveGraphRec.Grains.Training;
using LiveGraphRec.Silo.Options;
using LiveGraphRec.Training.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace LiveGraphRec.Grains.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void GraphOptionsOutsideTheirRangesAreNamed()
    {
        var options = new GraphOptions { Layers = 0, OnlineLayers = 2, Dimension = 5_000, CorrectionFanOut = -1, CorrectionThreshold = 1, TrainedDegreeWeight = 1.5, FlushInterval = TimeSpan.Zero,
            CorrectionWriteDelay = TimeSpan.FromSeconds(-1) };
        ValidateOptionsResult result = new GraphOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Equal(
            ["LGR:Graph:Dimension must be between 1 and 4096.", "LGR:Graph:Layers must be between 1 and 8.",
             "LGR:Graph:OnlineLayers must be between 0 (all) and Layers.",
             "LGR:Graph:CorrectionFanOut must not be negative.", "LGR:Graph:CorrectionThreshold must be at least 0 and below 1.",
             "LGR:Graph:TrainedDegreeWeight must be between 0 and 1.",
             "LGR:Graph:FlushInterval must be positive.", "LGR:Graph:CorrectionWriteDelay must not be negative."],
            result.Failures);
        Assert.True(new GraphOptionsValidator().Validate(null, new GraphOptions()).Succeeded);
    }

    [Fact]
    public void TrainerOptionsOutsideTheirRangesAreNamed()
    {
        var options = new TrainerOptions { CheckPeriod = TimeSpan.FromSeconds(10), Negatives = 0, LearningRate = 0, ValidationFraction = 0.5, Threads = 0 };
        ValidateOptionsResult result = new TrainerOptionsValidator().Validate(null, options);
        Assert.Equal(
            ["LGR:Trainer:CheckPeriod must be at least one minute (the Orleans reminder minimum).", "LGR:Trainer:Negatives must be at least 1.",
             "LGR:Trainer:LearningRate must be positive.",
             "LGR:Trainer:Threads must be between 1 and 1024.", "LGR:Trainer:ValidationFraction must be above 0 and below 0.5."],
            result.Failures);
        Assert.True(new TrainerOptionsValidator().Validate(null, new TrainerOptions()).Succeeded);

        ValidateOptionsResult names = new TrainerOptionsChecks().Validate(null, new TrainerOptions { Model = "mf", Sampler = "dns" });
        Assert.Equal([$"LGR:Trainer:Model 'mf' is unknown; expected one of {string.Join(", ", LiveGraphRec.Training.Models.ModelNames.All)}."], names.Failures);
        ValidateOptionsResult pinSage = new TrainerOptionsChecks().Validate(null, new TrainerOptions { Sampler = "pinsage", Negatives = 2 });
        Assert.Equal(["LGR:Trainer:Negatives must be 1 with the pinsage sampler, which sets its own hard negatives (got 2)."], pinSage.Failures);
        Assert.True(new TrainerOptionsChecks().Validate(null, new TrainerOptions()).Succeeded);
    }

    [Fact]
    public void TheHostDoesNotStartWithoutAnApiKey()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("LGR:Silo:SiloPort", FreePort.Next().ToString())
            .UseSetting("LGR:Silo:GatewayPort", FreePort.Next().ToString())
            .UseSetting("LGR:Api:ApiKey", "short"));
        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("LGR:Api:ApiKey must be at least 16 characters.", error.Message);
    }

    [Fact]
    public void TheHostDoesNotStartWithoutEventLogPartitionsOrWithoutARedeliveryTimeout()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("LGR:Silo:SiloPort", FreePort.Next().ToString())
            .UseSetting("LGR:Silo:GatewayPort", FreePort.Next().ToString())
            .UseSetting("LGR:Api:ApiKey", SiloHost.ApiKey)
            .UseSetting("LGR:Ingestion:QueueCount", "0")
            .UseSetting("LGR:Ingestion:PendingIdleTimeout", "00:00:00"));
        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("The field QueueCount must be between 1 and 1024.", error.Message);
        Assert.Contains("The field PendingIdleTimeout must be between 00:00:00.0100000 and 01:00:00.", error.Message);
    }

    [Fact]
    public void TheHostDoesNotStartWithTelemetryPathsThatAreNotPaths()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("LGR:Silo:SiloPort", FreePort.Next().ToString())
            .UseSetting("LGR:Silo:GatewayPort", FreePort.Next().ToString())
            .UseSetting("LGR:Api:ApiKey", SiloHost.ApiKey)
            .UseSetting("LGR:Telemetry:PrometheusPath", "metrics")
            .UseSetting("LGR:Telemetry:DashboardPath", "/"));
        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("LGR:Telemetry:PrometheusPath must be empty or start with '/'.", error.Message);
        Assert.Contains("LGR:Telemetry:DashboardPath must start with '/'.", error.Message);
    }

    [Fact]
    public void KubernetesHostingNeedsRedisClustering()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("LGR:Api:ApiKey", SiloHost.ApiKey)
            .UseSetting("LGR:Silo:Kubernetes", "true"));
        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());
        Assert.Equal("LGR:Silo:Kubernetes needs Redis clustering: set LGR:Redis:ConnectionString.", error.Message);
    }
}

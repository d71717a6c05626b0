using Orleans.TestingHost;

namespace LiveGraphRec.Grains.Tests;

/// <summary>Two silos on the embedded default (in-memory storage), with the two-community model published as version 1.</summary>
public sealed class EmbeddedClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = TestClusters.Create(silos: 2);

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        await Cluster.DeployAsync();
        await TestClusters.PublishAsync(Grains, version: 1);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

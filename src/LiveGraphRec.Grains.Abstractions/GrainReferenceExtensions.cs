namespace LiveGraphRec.Grains.Abstractions;

/// <summary>
/// Grain references for the hot paths (every event, correction and recommendation makes one). Orleans'
/// <c>GetGrain&lt;T&gt;(key)</c> resolves the interface's grain type from its attributes and type name on every call —
/// reflection and string building, ~7 % of a silo's CPU and ~5 % of its allocations under ingestion — so this resolves
/// it once per interface and then only builds the id. For processes that host the grain types (a silo): a client that
/// has not received the cluster's manifest yet would resolve, and keep, a placeholder type.
/// </summary>
public static class GrainReferenceExtensions
{
    /// <summary>The same reference as <c>GetGrain&lt;TGrain&gt;(key)</c>.</summary>
    public static TGrain GetGrainFast<TGrain>(this IGrainFactory grains, string key) where TGrain : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ResolvedType resolved = ResolvedTypes<TGrain>.Value ??= ResolvedType.Of(grains.GetGrain<TGrain>(key));
        return (TGrain)grains.GetGrain(GrainId.Create(resolved.Grain, IdSpan.Create(key)), resolved.Interface);
    }

    /// <inheritdoc cref="GetGrainFast{TGrain}(IGrainFactory, string)"/>
    public static TGrain GetGrainFast<TGrain>(this IGrainFactory grains, long key) where TGrain : IGrainWithIntegerKey
    {
        ResolvedType resolved = ResolvedTypes<TGrain>.Value ??= ResolvedType.Of(grains.GetGrain<TGrain>(key));
        return (TGrain)grains.GetGrain(GrainId.Create(resolved.Grain, GrainIdKeyExtensions.CreateIntegerKey(key)), resolved.Interface);
    }

    private sealed record ResolvedType(GrainType Grain, GrainInterfaceType Interface)
    {
        public static ResolvedType Of(object reference) =>
            new(((GrainReference)reference).GrainId.Type, ((GrainReference)reference).InterfaceType);
    }

    /// <summary>
    /// One per interface: grain and interface types are names derived from the types, the same in every silo and
    /// client of an application, so one process's silos (a test cluster) can share them. A race resolves twice, alike.
    /// </summary>
    private static class ResolvedTypes<TGrain>
    {
        public static ResolvedType? Value;
    }
}

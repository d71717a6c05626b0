using System.Text.Json;
using System.Text.RegularExpressions;

namespace LiveGraphRec.Grains.Tests.Deployment;

/// <summary>What the Grafana dashboard asks Prometheus for.</summary>
internal static partial class DashboardQueries
{
    public static IReadOnlyList<string> Expressions(JsonElement dashboard) =>
        Elements(dashboard, "expr").Select(expr => expr.GetString()!).ToList();

    /// <summary>The metric names of the queries: identifiers that are not PromQL functions, keywords or label names.</summary>
    public static IReadOnlySet<string> MetricNames(JsonElement dashboard) =>
        Expressions(dashboard).SelectMany(expr => MetricName().Matches(WithoutLabelsAndStrings(expr)).Select(match => match.Value))
            .Where(name => !PromQl.Contains(name))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Every value of <paramref name="property"/> anywhere in the document.</summary>
    public static IEnumerable<JsonElement> Elements(JsonElement element, string property) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(child =>
            child.Name == property ? [child.Value] : Elements(child.Value, property)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(child => Elements(child, property)),
        _ => [],
    };

    private static readonly HashSet<string> PromQl =
        ["sum", "rate", "increase", "max", "min", "avg", "by", "without", "histogram_quantile", "le"];

    private static string WithoutLabelsAndStrings(string expr) => Selector().Replace(Grouping().Replace(Quoted().Replace(expr, ""), ""), "");

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\b[a-zA-Z_][a-zA-Z0-9_]*\b")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"\{[^}]*\}|\[[^\]]*\]")]
    private static partial Regex Selector();

    [GeneratedRegex(@"\b(by|without)\s*\([^)]*\)")]
    private static partial Regex Grouping();
}

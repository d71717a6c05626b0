using System.Globalization;

namespace LiveGraphRec.Grains.Tests.Observability;

/// <summary>The samples of a Prometheus text exposition: one per series line, <c>name{labels} value [timestamp]</c>.</summary>
internal sealed class PrometheusText
{
    private readonly List<(string Name, string Labels, double Value)> _samples = [];

    private PrometheusText()
    {
    }

    public IEnumerable<string> Names => _samples.Select(sample => sample.Name).Distinct();

    public static PrometheusText Parse(string exposition)
    {
        var text = new PrometheusText();
        foreach (string line in exposition.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }
            int brace = line.IndexOf('{');
            int labelsEnd = brace < 0 ? -1 : line.LastIndexOf('}');
            int valueStart = (labelsEnd < 0 ? line.IndexOf(' ') : labelsEnd + 1);
            string name = line[..(brace < 0 ? line.IndexOf(' ') : brace)];
            string labels = brace < 0 ? "" : line[(brace + 1)..labelsEnd];
            string value = line[valueStart..].Trim().Split(' ')[0];
            text._samples.Add((name, labels, double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
        return text;
    }

    /// <summary>Sum over the series of <paramref name="name"/> whose labels contain every one of <paramref name="labels"/> (<c>key="value"</c>).</summary>
    public double Sum(string name, params string[] labels) =>
        _samples.Where(sample => sample.Name == name && labels.All(sample.Labels.Contains)).Sum(sample => sample.Value);

    public bool Has(string name, params string[] labels) =>
        _samples.Any(sample => sample.Name == name && labels.All(sample.Labels.Contains));
}

using System.Reflection;
using System.Text.RegularExpressions;
using LiveGraphRec.Silo.Options;
using YamlDotNet.RepresentationModel;

namespace LiveGraphRec.Grains.Tests.Deployment;

/// <summary>The repository's deployment files, parsed: docker-compose.yml, the Dockerfile, and everything in deploy/.</summary>
internal static partial class DeployFiles
{
    public static readonly string Root = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Every YAML document of a file (a Kubernetes manifest holds several).</summary>
    public static IReadOnlyList<YamlMappingNode> Yaml(string relative)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(Read(relative)))
        {
            stream.Load(reader);
        }
        return stream.Documents.Select(document => (YamlMappingNode)document.RootNode).ToList();
    }

    public static YamlMappingNode Map(this YamlNode node, string key) => (YamlMappingNode)node.Child(key)!;

    public static YamlSequenceNode Seq(this YamlNode node, string key) => (YamlSequenceNode)node.Child(key)!;

    public static string Text(this YamlNode node, string key) => ((YamlScalarNode)node.Child(key)!).Value!;

    public static string? TextOrNull(this YamlNode node, string key) => (node.Child(key) as YamlScalarNode)?.Value;

    /// <summary>A mapping's entry, following YAML merge keys (<c>&lt;&lt;: *anchor</c>).</summary>
    public static YamlNode? Child(this YamlNode node, string key)
    {
        var map = (YamlMappingNode)node;
        if (map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value))
        {
            return value;
        }
        return map.Children.TryGetValue(new YamlScalarNode("<<"), out YamlNode? merged) ? merged.Child(key) : null;
    }

    /// <summary>A mapping's entries as text, merge keys resolved (own entries win).</summary>
    public static Dictionary<string, string> Scalars(this YamlNode node)
    {
        var map = (YamlMappingNode)node;
        var result = map.Children.TryGetValue(new YamlScalarNode("<<"), out YamlNode? merged) ? merged.Scalars() : [];
        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: not "<<" } name && value is YamlScalarNode text)
            {
                result[name.Value!] = text.Value!;
            }
        }
        return result;
    }

    /// <summary>
    /// The configuration keys the silo binds, as environment variable names (<c>LGR__Section__Property</c>): every
    /// public settable property of every options class with an <c>LGR:</c> section constant.
    /// </summary>
    public static IReadOnlySet<string> SiloEnvironmentNames()
    {
        Assembly[] assemblies = [typeof(ApiOptions).Assembly, typeof(GraphOptions).Assembly];
        return assemblies.SelectMany(assembly => assembly.GetExportedTypes())
            .Select(type => (Type: type, Section: type.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(options => options.Section?.StartsWith("LGR:", StringComparison.Ordinal) == true)
            .SelectMany(options => options.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.CanWrite)
                .Select(property => $"{options.Section!.Replace(":", "__", StringComparison.Ordinal)}__{property.Name}"))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The port of the silo image's <c>--urls</c>.</summary>
    public static int DockerfileHttpPort() => int.Parse(UrlsPort().Match(Read("deploy/silo.Dockerfile")).Groups[1].Value);

    public static IReadOnlySet<int> DockerfileExposedPorts() =>
        Expose().Match(Read("deploy/silo.Dockerfile")).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToHashSet();

    [GeneratedRegex(@"""--urls"",\s*""http://[^:""]+:(\d+)""")]
    private static partial Regex UrlsPort();

    [GeneratedRegex(@"^EXPOSE ([\d ]+)$", RegexOptions.Multiline)]
    private static partial Regex Expose();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LiveGraphRec.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No LiveGraphRec.sln above {AppContext.BaseDirectory}.");
    }
}

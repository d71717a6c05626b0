using System.Text.Json;
using System.Text.RegularExpressions;
using LiveGraphRec.Silo.Options;
using YamlDotNet.RepresentationModel;

namespace LiveGraphRec.Grains.Tests.Deployment;

/// <summary>
/// No container engine or cluster runs here, so the deployment files are checked against the code instead:
/// every file parses, every path they mount or build from exists, ports agree between the image, compose,
/// Prometheus and Kubernetes, and every <c>LGR__*</c> variable names an option the silo binds.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly YamlMappingNode Compose = DeployFiles.Yaml("docker-compose.yml").Single();
    private static readonly YamlMappingNode Services = Compose.Map("services");
    private static readonly string[] Silos = ["silo1", "silo2"];

    [Fact]
    public void EveryDeploymentFileParses()
    {
        string[] files = [.. Directory.EnumerateFiles(DeployFiles.PathOf("deploy"), "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(DeployFiles.Root, path)), "docker-compose.yml"];
        Assert.Contains(Path.Combine("deploy", "k8s", "livegraphrec.yaml"), files);
        foreach (string file in files)
        {
            switch (Path.GetExtension(file))
            {
                case ".yml" or ".yaml":
                    Assert.NotEmpty(DeployFiles.Yaml(file));
                    break;
                case ".json":
                    using (JsonDocument.Parse(DeployFiles.Read(file)))
                    {
                    }
                    break;
                case ".Dockerfile":
                    Assert.StartsWith("FROM ", DeployFiles.Read(file).Split('\n').First(line => !line.StartsWith('#')), StringComparison.Ordinal);
                    break;
                default:
                    Assert.Fail($"{file}: no check for this kind of file");
                    break;
            }
        }
    }

    [Fact]
    public void ComposeBuildsAndMountsFilesThatExist()
    {
        foreach (var (name, service) in Services.Children)
        {
            if (service.Child("build") is { } build)
            {
                string context = DeployFiles.PathOf(build.Text("context"));
                Assert.True(Directory.Exists(context), $"{name}: build context {context}");
                Assert.True(File.Exists(Path.Combine(context, build.Text("dockerfile"))), $"{name}: dockerfile {build.Text("dockerfile")}");
            }
            foreach (string volume in (service.Child("volumes") as YamlSequenceNode ?? []).Cast<YamlScalarNode>().Select(node => node.Value!))
            {
                string source = volume.Split(':')[0];
                if (source.StartsWith("./", StringComparison.Ordinal))
                {
                    Assert.True(File.Exists(DeployFiles.PathOf(source)) || Directory.Exists(DeployFiles.PathOf(source)), $"{name}: volume source {source}");
                }
                else
                {
                    Assert.True(Compose.Map("volumes").Child(source) is not null, $"{name}: named volume {source} is declared");
                }
            }
        }
        // The image publishes the silo project.
        string publish = PublishedProject().Match(DeployFiles.Read("deploy/silo.Dockerfile")).Groups[1].Value;
        Assert.True(File.Exists(DeployFiles.PathOf(publish)), $"the Dockerfile publishes {publish}");
    }

    [Fact]
    public void ComposeSilosMatchTheImageAndTheirOptions()
    {
        int http = DeployFiles.DockerfileHttpPort();
        IReadOnlySet<int> exposed = DeployFiles.DockerfileExposedPorts();
        foreach (string silo in Silos)
        {
            Dictionary<string, string> environment = Services.Map(silo).Map("environment").Scalars();
            AssertKnownOptions($"compose {silo}", environment.Keys);
            Assert.Contains(int.Parse(environment["LGR__Silo__SiloPort"]), exposed);
            Assert.Contains(int.Parse(environment["LGR__Silo__GatewayPort"]), exposed);
            // Orleans needs the advertised address to be this container's own fixed address.
            Assert.Equal(Services.Map(silo).Map("networks").Map("lgr").Text("ipv4_address"), environment["LGR__Silo__AdvertisedAddress"]);
            string published = ((YamlScalarNode)Services.Map(silo).Seq("ports").Single()).Value!;
            Assert.Equal(http, int.Parse(published.Split(':')[1]));
        }
        // Both silos reach Redis at the Redis container's address.
        string redisAddress = Services.Map("redis").Map("networks").Map("lgr").Text("ipv4_address");
        Assert.All(Silos, silo => Assert.StartsWith(redisAddress + ":6379", Services.Map(silo).Map("environment").Scalars()["LGR__Redis__ConnectionString"]));
    }

    [Fact]
    public void PrometheusScrapesBothSilosWhereTheyServeMetrics()
    {
        YamlMappingNode job = (YamlMappingNode)DeployFiles.Yaml("deploy/prometheus/prometheus.yml").Single().Seq("scrape_configs").Single();
        Assert.Equal(new TelemetryOptions().PrometheusPath, job.Text("metrics_path"));
        var targets = job.Seq("static_configs").Cast<YamlMappingNode>().SelectMany(config => config.Seq("targets"))
            .Cast<YamlScalarNode>().Select(target => target.Value!).ToList();
        Assert.Equal(Silos.Select(silo => $"{silo}:{DeployFiles.DockerfileHttpPort()}").Order(), targets.Order());
        Assert.Equal("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
            Services.Map("prometheus").Seq("volumes").Cast<YamlScalarNode>().Single().Value);
    }

    [Fact]
    public void GrafanaIsProvisionedWithPrometheusAndTheDashboard()
    {
        YamlMappingNode source = (YamlMappingNode)DeployFiles.Yaml("deploy/grafana/provisioning/datasources/prometheus.yml").Single().Seq("datasources").Single();
        Assert.Equal("http://prometheus:9090", source.Text("url"));
        Assert.Contains("9090:9090", Services.Map("prometheus").Seq("ports").Cast<YamlScalarNode>().Select(port => port.Value));

        // The provider's folder is where compose mounts deploy/grafana/dashboards.
        string providerPath = ((YamlMappingNode)DeployFiles.Yaml("deploy/grafana/provisioning/dashboards/livegraphrec.yml").Single()
            .Seq("providers").Single()).Map("options").Text("path");
        var mounts = Services.Map("grafana").Seq("volumes").Cast<YamlScalarNode>().Select(volume => volume.Value!.Split(':')).ToList();
        Assert.Contains(mounts, mount => mount[0] == "./deploy/grafana/dashboards" && mount[1] == providerPath);
        Assert.Contains(mounts, mount => mount[0] == "./deploy/grafana/provisioning" && mount[1] == "/etc/grafana/provisioning");
        Assert.True(File.Exists(DeployFiles.PathOf("deploy/grafana/dashboards/livegraphrec.json")));

        // Every panel and query uses the provisioned data source.
        using JsonDocument dashboard = JsonDocument.Parse(DeployFiles.Read("deploy/grafana/dashboards/livegraphrec.json"));
        var uids = DashboardQueries.Elements(dashboard.RootElement, "datasource").Select(ds => ds.GetProperty("uid").GetString()).Distinct();
        Assert.Equal([source.Text("uid")], uids);
    }

    [Fact]
    public void TheOtelCollectorListensWhereTheSilosSend()
    {
        YamlMappingNode collector = DeployFiles.Yaml("deploy/otel-collector/config.yaml").Single();
        Assert.EndsWith(":4317", collector.Map("receivers").Map("otlp").Map("protocols").Map("grpc").Text("endpoint"));
        Assert.Contains("4317:4317", Services.Map("otel-collector").Seq("ports").Cast<YamlScalarNode>().Select(port => port.Value));
        Assert.Contains("otel", Services.Map("otel-collector").Seq("profiles").Cast<YamlScalarNode>().Select(profile => profile.Value));
        Assert.Equal("${LGR_OTLP_ENDPOINT:-}", Services.Map("silo1").Map("environment").Scalars()["LGR__Telemetry__OtlpEndpoint"]);
        Assert.Contains("LGR_OTLP_ENDPOINT=http://otel-collector:4317", DeployFiles.Read("docker-compose.yml"));
        foreach (YamlMappingNode pipeline in collector.Map("service").Map("pipelines").Children.Values.Cast<YamlMappingNode>())
        {
            Assert.All(pipeline.Seq("receivers").Cast<YamlScalarNode>(), receiver => Assert.NotNull(collector.Map("receivers").Child(receiver.Value!)));
            Assert.All(pipeline.Seq("exporters").Cast<YamlScalarNode>(), exporter => Assert.NotNull(collector.Map("exporters").Child(exporter.Value!)));
        }
    }

    [Fact]
    public void TheKubernetesManifestMatchesTheSilo()
    {
        IReadOnlyList<YamlMappingNode> documents = DeployFiles.Yaml("deploy/k8s/livegraphrec.yaml");
        YamlMappingNode Kind(string kind, string? name = null) => documents.Single(document => document.Text("kind") == kind
            && (name is null || document.Map("metadata").Text("name") == name));

        YamlMappingNode deployment = Kind("Deployment");
        YamlMappingNode pod = deployment.Map("spec").Map("template");
        YamlMappingNode container = (YamlMappingNode)pod.Map("spec").Seq("containers").Single();
        var env = container.Seq("env").Cast<YamlMappingNode>().ToDictionary(variable => variable.Text("name"));
        AssertKnownOptions("k8s Deployment", env.Keys.Where(name => name.StartsWith("LGR__", StringComparison.Ordinal)));
        string Value(string name) => env[name].Text("value");

        // Orleans' Kubernetes hosting: on, with the pod's identity and the labels it selects the cluster's pods by.
        Assert.Equal("true", Value("LGR__Silo__Kubernetes"));
        Assert.All(new[] { "POD_NAME", "POD_NAMESPACE", "POD_IP" }, name => Assert.NotNull(env[name].Map("valueFrom").Child("fieldRef")));
        YamlMappingNode labels = pod.Map("metadata").Map("labels");
        Assert.Equal(Value("LGR__Silo__ServiceId"), labels.Text("orleans/serviceId"));
        Assert.Equal(Value("LGR__Silo__ClusterId"), labels.Text("orleans/clusterId"));

        // Ports: the image's, the options', the probes', Prometheus' and the Service's agree.
        var ports = container.Seq("ports").Cast<YamlMappingNode>().ToDictionary(port => port.Text("name"), port => int.Parse(port.Text("containerPort")));
        Assert.Equal(DeployFiles.DockerfileHttpPort(), ports["http"]);
        Assert.Equal(int.Parse(Value("LGR__Silo__SiloPort")), ports["silo"]);
        Assert.Equal(int.Parse(Value("LGR__Silo__GatewayPort")), ports["gateway"]);
        Assert.Subset(DeployFiles.DockerfileExposedPorts().ToHashSet(), ports.Values.ToHashSet());
        Assert.Equal(ports["http"].ToString(), pod.Map("metadata").Map("annotations").Text("prometheus.io/port"));
        Assert.Equal(new TelemetryOptions().PrometheusPath, pod.Map("metadata").Map("annotations").Text("prometheus.io/path"));
        Assert.All(new[] { "readinessProbe", "livenessProbe" }, probe => Assert.Equal("http", container.Map(probe).Map("httpGet").Text("port")));
        YamlMappingNode service = Kind("Service", "livegraphrec");
        Assert.Equal("http", ((YamlMappingNode)service.Map("spec").Seq("ports").Single()).Text("targetPort"));
        Assert.Equal(deployment.Map("spec").Map("selector").Map("matchLabels").Scalars(), service.Map("spec").Map("selector").Scalars());

        // Secrets referenced exist with their keys.
        foreach (YamlMappingNode secretRef in env.Values.Select(variable => variable.Child("valueFrom")?.Child("secretKeyRef")).OfType<YamlMappingNode>())
        {
            Assert.NotNull(Kind("Secret", secretRef.Text("name")).Map("stringData").Child(secretRef.Text("key")));
        }
        // Redis: the connection string's host is the Redis Service, whose port the StatefulSet serves.
        string connection = Kind("Secret", "livegraphrec").Map("stringData").Text("redis-connection-string");
        YamlMappingNode redisService = Kind("Service", connection.Split(':')[0]);
        Assert.Equal(connection.Split(':')[1], ((YamlMappingNode)redisService.Map("spec").Seq("ports").Single()).Text("port"));
        Assert.Equal(redisService.Map("spec").Map("selector").Scalars(), Kind("StatefulSet").Map("spec").Map("template").Map("metadata").Map("labels").Scalars());

        // RBAC: the pods' service account may list, watch and delete pods.
        string account = pod.Map("spec").Text("serviceAccountName");
        Assert.NotNull(Kind("ServiceAccount", account));
        YamlMappingNode binding = Kind("RoleBinding");
        Assert.Equal(account, ((YamlMappingNode)binding.Seq("subjects").Single()).Text("name"));
        YamlMappingNode rule = (YamlMappingNode)Kind("Role", binding.Map("roleRef").Text("name")).Seq("rules").Single();
        Assert.Contains("pods", rule.Seq("resources").Cast<YamlScalarNode>().Select(resource => resource.Value));
        Assert.Subset(rule.Seq("verbs").Cast<YamlScalarNode>().Select(verb => verb.Value!).ToHashSet(), new HashSet<string> { "list", "watch", "delete" });
    }

    [Fact]
    public void TheReadmeNamesEveryOptionTheSiloBindsAndNoOther()
    {
        var named = EnvironmentName().Matches(DeployFiles.Read("README.md")).Select(match => match.Value).ToHashSet();
        AssertKnownOptions("README.md", named);
        var undocumented = DeployFiles.SiloEnvironmentNames().Except(named).Order().ToList();
        Assert.True(undocumented.Count == 0, $"README.md's configuration table lacks {string.Join(", ", undocumented)}");
    }

    private static void AssertKnownOptions(string where, IEnumerable<string> names)
    {
        IReadOnlySet<string> known = DeployFiles.SiloEnvironmentNames();
        Assert.Contains("LGR__Telemetry__PrometheusPath", known);
        var unknown = names.Where(name => name.StartsWith("LGR__", StringComparison.Ordinal) && !known.Contains(name)).ToList();
        Assert.True(unknown.Count == 0, $"{where} sets options the silo does not bind: {string.Join(", ", unknown)}");
    }

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex PublishedProject();

    [GeneratedRegex(@"LGR__[A-Za-z]+__[A-Za-z]+")]
    private static partial Regex EnvironmentName();
}

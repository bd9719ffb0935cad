using System.Net.Http.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Analysis;

/// <summary>The status enricher's <c>ShowDetails</c>: the DaemonSet's configuration and revisions, in JSON and text, on and off.</summary>
public sealed class ConfigurationDetailsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Broken_revision_details_show_both_revisions_newest_first_with_their_images_and_the_placement_rules()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "broken-revision" }, Cancel);

        var report = await ClusterAnalysis.AnalyzeUntilAsync(cluster, "kube-system", "calico-node", r => r.Details?.Revisions.Count == 2,
            "the DaemonSet controller to have recorded the old and the new revision");
        var json = JsonNode.Parse(ReportRendering.ToJson(report))!["details"]!;
        var text = ReportRendering.ToText(report);

        var details = report.Details!;
        Assert.Equal([(2L, "docker.io/calico/node:v3.28.0-rc1", true), (1L, "docker.io/calico/node:v3.27.3", false)],
            details.Revisions.Select(r => (r.Revision, Assert.Single(r.Images), r.Current)));
        Assert.Equal(("calico-node", "docker.io/calico/node:v3.28.0-rc1", false), (details.Containers[0].Name, details.Containers[0].Image, details.Containers[0].Init));
        Assert.Equal(["op=Exists"], details.Tolerations);
        Assert.Equal(("system-node-critical", true), (details.PriorityClassName, details.HostNetwork));
        Assert.Equal("app.kubernetes.io/name=calico-node", details.Selector);
        Assert.Equal(new UpdateStrategyDetails("RollingUpdate", "1", "0"), details.UpdateStrategy);
        Assert.Equal(2, json["revisions"]![0]!["revision"]!.GetValue<long>());
        Assert.Matches(@"^\d+s$|^\d+m(\d+s)?$", json["revisions"]![0]!["age"]!.GetValue<string>());
        Assert.Equal("docker.io/calico/node:v3.27.3", json["revisions"]![1]!["images"]![0]!.GetValue<string>());
        Assert.Contains("  Tolerations:            op=Exists\n", text, StringComparison.Ordinal);
        Assert.Contains("  Priority class:         system-node-critical\n", text, StringComparison.Ordinal);
        Assert.Contains("  Host network:           true\n", text, StringComparison.Ordinal);
        Assert.Matches(@"Revisions \(newest first\):\n  REVISION +NAME +IMAGES +AGE\n  2 \(current\) +calico-node-\w+ +docker\.io/calico/node:v3\.28\.0-rc1 +\S+\n  1 +calico-node-\w+ +docker\.io/calico/node:v3\.27\.3 +\S+\n", text);
    }

    [Fact]
    public void Details_read_init_containers_host_ports_node_selector_required_affinity_and_tolerations_as_kubectl_writes_them()
    {
        var ds = Snapshots.DaemonSet();
        var pod = ds.Spec.Template.Spec;
        pod.InitContainers = [new V1Container { Name = "install-cni", Image = "cni:1" }];
        pod.NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" };
        pod.Tolerations =
        [
            new V1Toleration { Key = "dedicated", OperatorProperty = "Equal", Value = "gpu", Effect = "NoSchedule" },
            new V1Toleration { Key = "node.kubernetes.io/not-ready", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 300 },
        ];
        pod.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms =
                    [
                        new V1NodeSelectorTerm
                        {
                            MatchExpressions =
                            [
                                new V1NodeSelectorRequirement { Key = "node-type", OperatorProperty = "In", Values = ["cpu", "gpu"] },
                                new V1NodeSelectorRequirement { Key = "spot", OperatorProperty = "DoesNotExist" },
                            ],
                        },
                    ],
                },
            },
        };

        var report = DaemonSetAnalyzer.Analyze(Snapshots.Of(ds), new AnalysisOptions(), Snapshots.Now);
        var text = ReportRendering.ToText(report);

        var details = report.Details!;
        Assert.Equal([new ContainerImage("install-cni", "cni:1", true), new ContainerImage("agent", "agent:1", false)], details.Containers);
        Assert.Equal([new HostPortDetail("agent", 9100, "TCP")], details.HostPorts);
        Assert.Equal("kubernetes.io/os=linux", details.NodeSelector);
        Assert.Equal(["node-type In (cpu, gpu) and spot DoesNotExist"], details.RequiredNodeAffinity);
        Assert.Equal(["dedicated=gpu:NoSchedule", "node.kubernetes.io/not-ready:NoExecute op=Exists for 300s"], details.Tolerations);
        Assert.Contains("  Tolerations:            dedicated=gpu:NoSchedule\n                          node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n", text, StringComparison.Ordinal);
        Assert.Contains("  Host ports:             9100/TCP (agent)\n", text, StringComparison.Ordinal);
        Assert.Contains("  install-cni   init        cni:1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_details_off_leaves_the_details_out_of_json_and_text_and_keeps_the_status()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "broken-revision" }, Cancel);
        var options = new AnalysisOptions();
        options.DaemonsetStatusEnricher.ShowDetails = false;

        var report = await ClusterAnalysis.AnalyzeUntilAsync(cluster, "kube-system", "calico-node", r => r.Status is { Desired: 3 }, "the DaemonSet's status", options: options);
        var json = JsonNode.Parse(ReportRendering.ToJson(report))!.AsObject();
        var text = ReportRendering.ToText(report);

        Assert.Null(report.Details);
        Assert.False(json.ContainsKey("details"));
        Assert.True(json.ContainsKey("status"));
        Assert.DoesNotContain("Details:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Revisions", text, StringComparison.Ordinal);
        Assert.Contains("Status: desired 3", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_setting_Analysis_DaemonsetStatusEnricher_ShowDetails_switches_the_details_of_the_endpoint()
    {
        await using var host = await ServerHost.StartClusterAsync("tainted-node");
        var on = await host.StartServerAsync();
        var off = await host.StartServerAsync("--Analysis:DaemonsetStatusEnricher:ShowDetails", "false");
        var path = new Uri("/api/daemonsets/logging/fluent-bit/analysis", UriKind.Relative);

        var withDetails = (await on.GetFromJsonAsync<JsonObject>(path, Cancel))!;
        var without = (await off.GetFromJsonAsync<JsonObject>(path, Cancel))!;
        var text = await off.GetStringAsync(new Uri(path + "?format=text", UriKind.Relative), Cancel);

        Assert.Equal("cr.fluentbit.io/fluent/fluent-bit:3.1.4", withDetails["details"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.False(without.ContainsKey("details"));
        Assert.DoesNotContain("Details:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_schema_has_the_details_usage_and_revision_ages_as_strings()
    {
        await using var host = await ServerHost.StartClusterAsync("healthy");
        var server = await host.StartServerAsync();

        var schemas = (await server.GetFromJsonAsync<JsonObject>(new Uri("/openapi/v1.json", UriKind.Relative), Cancel))!["components"]!["schemas"]!;

        Assert.NotNull(schemas["DaemonSetReport"]!["properties"]!["details"]);
        Assert.NotNull(schemas["DaemonSetReport"]!["properties"]!["usageUnavailable"]);
        Assert.NotNull(schemas["PodReport"]!["properties"]!["usage"]);
        Assert.NotNull(schemas["PodReport"]!["properties"]!["nearMemoryLimit"]);
        var age = schemas["RevisionDetail"]!["properties"]!["age"]!;
        Assert.Null(age["pattern"]);
        Assert.Contains("revision's age", age["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

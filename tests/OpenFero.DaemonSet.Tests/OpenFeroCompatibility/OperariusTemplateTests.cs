using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Tests.Dispatch;
using OpenFero.DaemonSet.Tests.Infrastructure;
using OpenFero.DaemonSet.Tests.Webhook;
using Serilog.Events;

namespace OpenFero.DaemonSet.Tests.OpenFeroCompatibility;

/// <summary>
/// An Operarius written for OpenFero, with Go templates in its args and env values, applied to the served server on
/// the simulated cluster: each alert of a group gets a Job rendered with its own values, as OpenFero renders them.
/// </summary>
public sealed class OperariusTemplateTests
{
    private const string OperariusFixture = "daemonset-rollout-restart.operarius.yaml";
    private const string GroupFixture = "kube-daemonset-rollout-stuck.two-daemonsets.json";
    private const string Name = "daemonset-rollout-restart";
    private const string GroupKey = "{}/{}:{alertname=\"KubeDaemonSetRolloutStuck\"}";

    /// <summary>The alerts of a group for two DaemonSets each get their Job at once: these tests are about templates, not the cap.</summary>
    private static readonly string[] ManyAtOnce = ["--Remediation:MaxConcurrent", "4"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_alert_of_a_group_gets_a_job_rendered_with_its_own_values()
    {
        await using var host = await ServerHost.StartClusterAsync();
        await ApplyAsync(host, OpenFeroOperarius());
        var server = await host.StartServerAsync(ManyAtOnce);

        var answer = await server.PostJsonAsync(Group());
        var outcomes = (await answer.JsonAsync())["alerts"]!.AsArray().Select(a => a!["outcome"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal(["jobCreated", "jobCreated"], outcomes);
        var nodeExporter = Container(await JobForAsync(host, "node-exporter"));
        var fluentBit = Container(await JobForAsync(host, "fluent-bit"));
        Assert.Equal("bitnami/kubectl:latest", nodeExporter.Image);
        Assert.Equal(["rollout", "restart", "daemonset/node-exporter", "-n", "monitoring"], nodeExporter.Args);
        Assert.Equal(["rollout", "restart", "daemonset/fluent-bit", "-n", "logging"], fluentBit.Args);
        Assert.Equal(new Dictionary<string, string>
        {
            ["ALERT_NAME"] = "KubeDaemonSetRolloutStuck",
            ["GROUP_KEY"] = GroupKey,
            ["RECEIVER"] = "openfero",
            ["SEVERITY"] = "warning",
            ["SUMMARY"] = "DaemonSet rollout is stuck.",
            ["GROUP_DAEMONSETS"] = "monitoring/node-exporter logging/fluent-bit ",
            ["STARTS_AT"] = "2025-01-01T00:00:00Z",
            ["LOG_LEVEL"] = "info",
        }, Templated(nodeExporter));
        Assert.Equal(new Dictionary<string, string>
        {
            ["ALERT_NAME"] = "KubeDaemonSetRolloutStuck",
            ["GROUP_KEY"] = GroupKey,
            ["RECEIVER"] = "openfero",
            ["SEVERITY"] = "critical",
            ["SUMMARY"] = "no summary",
            ["GROUP_DAEMONSETS"] = "monitoring/node-exporter logging/fluent-bit ",
            ["STARTS_AT"] = "2025-01-01T00:05:00.5Z",
            ["LOG_LEVEL"] = "info",
        }, Templated(fluentBit));
        Assert.Equal("fluent-bit", Env(fluentBit)["OPENFERO_DAEMONSET"]);
    }

    [Fact]
    public async Task A_label_value_that_looks_like_a_template_is_written_as_it_is()
    {
        await using var host = await ServerHost.StartClusterAsync();
        await ApplyAsync(host, OpenFeroOperarius());
        var server = await host.StartServerAsync(ManyAtOnce);

        var answer = await server.PostJsonAsync(Group(("severity", "{{ .Status }}")));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var container = Container(await JobForAsync(host, "node-exporter"));
        Assert.Equal("{{ .Status }}", Env(container)["SEVERITY"]);
        Assert.Equal("{{ .Status }}", Env(container)["OPENFERO_SEVERITY"]);
    }

    [Fact]
    public async Task A_template_that_does_not_parse_marks_the_operarius_and_its_alerts_get_no_job_until_it_is_fixed()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var broken = OpenFeroOperarius();
        Container(broken).Args[2] = "daemonset/{{ .Alert.Labels.daemonset ";
        await ApplyAsync(host, broken);
        var server = await host.StartServerAsync(ManyAtOnce);

        var invalid = await ConditionAsync(host, "TemplatesValid", c => c.Status == "False");
        var answer = await server.PostJsonAsync(Group());
        var alerts = (await answer.JsonAsync())["alerts"]!.AsArray();

        Assert.Equal("TemplateParseError", invalid.Reason);
        Assert.Contains("container kubectl, args[2]: template: kubectl.args[2]:1: unclosed action", invalid.Message, StringComparison.Ordinal);
        var warning = Assert.Single(await OperariusEventsAsync(host));
        Assert.Equal(("Warning", "TemplateParseError", invalid.Message), (warning.Type, warning.Reason, warning.Message));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.All(alerts, a => Assert.Equal("templateError", a!["outcome"]!.GetValue<string>()));
        Assert.All(alerts, a => Assert.Contains($"Operarius {Name} is invalid", a!["reason"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Empty(await host.JobsAsync());

        var stored = await ReadAsync(host);
        Container(stored).Args[2] = "daemonset/{{ .Alert.Labels.daemonset }}";
        await host.Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(stored, Operarius.Group, Operarius.Version, "openfero", Operarius.Plural, Name,
            cancellationToken: Cancel);

        var valid = await ConditionAsync(host, "TemplatesValid", c => c.Status == "True");
        Assert.Equal("TemplatesParsed", valid.Reason);
        Assert.Equal(stored.Metadata.Generation + 1, valid.ObservedGeneration);
        Assert.Equal("jobCreated", await (await server.PostJsonAsync(Group())).OutcomeAsync());
    }

    [Fact]
    public async Task A_missing_key_is_that_alerts_template_error_and_the_other_alerts_of_the_group_get_their_jobs()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var operarius = OpenFeroOperarius();
        Container(operarius).Env.Add(new V1EnvVar { Name = "POD", Value = "{{ .Alert.Labels.pod }}" });
        await ApplyAsync(host, operarius);
        await using var server = await ServerWithServices.StartAsync(host, []);

        var body = JsonNode.Parse(Group())!;
        body["alerts"]![0]!["labels"]!["pod"] = "node-exporter-abc12";
        var answer = await server.Client.PostJsonAsync(body.ToJsonString());
        var alerts = (await answer.JsonAsync())["alerts"]!.AsArray();
        var metrics = await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal("jobCreated", alerts[0]!["outcome"]!.GetValue<string>());
        Assert.Equal("templateError", alerts[1]!["outcome"]!.GetValue<string>());
        Assert.Equal(Name, alerts[1]!["operarius"]!.GetValue<string>());
        const string goError = "container kubectl, env POD: template: kubectl.env.POD:1:3: executing \"kubectl.env.POD\" at <.Alert.Labels.pod>: map has no entry for key \"pod\"";
        Assert.Equal(goError, alerts[1]!["reason"]!.GetValue<string>());
        Assert.Equal("node-exporter-abc12", Env(Container(Assert.Single(await host.JobsAsync())))["POD"]);
        Assert.Contains("openfero_alerts_received_total{outcome=\"templateError\"} 1", metrics, StringComparison.Ordinal);
        var logged = Assert.Single(server.Logs.Events, e => Property(e, "Error") == goError);
        Assert.Equal((LogEventLevel.Warning, Name), (logged.Level, Property(logged, "Operarius")));
    }

    [Fact]
    public async Task An_operarius_splicing_label_values_into_sh_c_is_warned_on_its_status_and_its_jobs_are_still_created()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var operarius = OpenFeroOperarius();
        Container(operarius).Command = ["/bin/sh", "-c"];
        Container(operarius).Args = ["kubectl rollout restart daemonset/{{ .Alert.Labels.daemonset }} -n {{ .Alert.Labels.namespace }}"];
        await ApplyAsync(host, operarius);
        var server = await host.StartServerAsync(ManyAtOnce);

        var splicing = await ConditionAsync(host, "ShellSplicing", c => c.Status == "True");
        var answer = await server.PostJsonAsync(Group());

        Assert.Equal("AlertDataInShellScript", splicing.Reason);
        Assert.StartsWith("container kubectl: /bin/sh -c runs a script that splices {{ .Alert.Labels.daemonset }}", splicing.Message, StringComparison.Ordinal);
        Assert.Contains(await OperariusEventsAsync(host), e => e.Type == "Warning" && e.Reason == "AlertDataInShellScript");
        Assert.Equal("True", (await ConditionAsync(host, "TemplatesValid", _ => true)).Status);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal(["kubectl rollout restart daemonset/node-exporter -n monitoring"], Container(await JobForAsync(host, "node-exporter")).Args);
    }

    private static string? Property(LogEvent logged, string name) =>
        logged.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string text } ? text : null;

    private static Operarius OpenFeroOperarius() =>
        KubernetesYaml.Deserialize<Operarius>(File.ReadAllText(RepositoryRoot.OpenFeroFixture(OperariusFixture)));

    /// <summary>The two-DaemonSet group, with labels of its first alert changed.</summary>
    private static string Group(params (string Name, string Value)[] firstAlertLabels)
    {
        var body = JsonNode.Parse(File.ReadAllText(RepositoryRoot.OpenFeroFixture(GroupFixture)))!;
        foreach (var (name, value) in firstAlertLabels)
        {
            body["alerts"]![0]!["labels"]![name] = value;
        }

        return body.ToJsonString();
    }

    private static V1Container Container(Operarius operarius) => operarius.Spec.JobTemplate.Spec.Template.Spec.Containers.Single();

    private static V1Container Container(V1Job job) => job.Spec.Template.Spec.Containers.Single();

    private static Dictionary<string, string> Env(V1Container container) => container.Env.ToDictionary(e => e.Name, e => e.Value);

    /// <summary>The env the Operarius wrote, without the <c>OPENFERO_*</c> variables the server adds.</summary>
    private static Dictionary<string, string> Templated(V1Container container) =>
        Env(container).Where(e => !e.Key.StartsWith("OPENFERO_", StringComparison.Ordinal)).ToDictionary();

    private static Task ApplyAsync(ServerHost host, Operarius operarius) =>
        host.Client.CustomObjects.CreateNamespacedCustomObjectAsync(operarius, Operarius.Group, Operarius.Version, "openfero", Operarius.Plural,
            cancellationToken: Cancel);

    private static Task<Operarius> ReadAsync(ServerHost host) =>
        host.Client.CustomObjects.GetNamespacedCustomObjectAsync<Operarius>(Operarius.Group, Operarius.Version, "openfero", Operarius.Plural, Name, Cancel);

    private static async Task<V1Job> JobForAsync(ServerHost host, string daemonSet) =>
        Assert.Single(await host.JobsAsync(), j => j.Metadata.Labels["openfero.io/daemonset"] == daemonSet);

    private static async Task<V1Condition> ConditionAsync(ServerHost host, string type, Func<V1Condition, bool> accept) =>
        (await Eventually.ReachesAsync(
            async () => (await ReadAsync(host)).Status?.Conditions?.SingleOrDefault(c => c.Type == type),
            condition => condition is not null && accept(condition),
            $"the Operarius' {type} condition",
            describe: c => c is null ? "none" : $"{c.Status} {c.Reason}: {c.Message}"))!;

    /// <summary>The Events on the Operarius, once there is one.</summary>
    private static Task<List<Corev1Event>> OperariusEventsAsync(ServerHost host) =>
        Eventually.ReachesAsync(
            async () => (await host.Client.CoreV1.ListNamespacedEventAsync("openfero", cancellationToken: Cancel)).Items.Where(e => e.InvolvedObject.Kind == "Operarius").ToList(),
            events => events.Count > 0,
            "an Event on the Operarius",
            describe: events => events.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

using OpenFero.DaemonSet.Templates;
using static OpenFero.DaemonSet.Tests.Templates.TemplateFixtures;

namespace OpenFero.DaemonSet.Tests.Templates;

/// <summary>
/// Containers in the shape of OpenFero's published Operarius examples (docs/operarius-crds.md, docs/samples):
/// a bitnami/kubectl Job whose env values, command and args are templated. Each string with <c>{{</c> is rendered.
/// </summary>
public sealed class OperariusExampleTests
{
    private sealed record Container(IReadOnlyList<string> Command, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Env);

    private static readonly Container PodRestart = new(
        ["/bin/sh", "-c"],
        ["kubectl delete pod \"$POD_NAME\" -n \"$NAMESPACE\""],
        Labels(("ALERT_NAME", "{{ .Alert.Labels.alertname }}"), ("POD_NAME", "{{ index .Alert.Labels \"pod\" }}"),
            ("NAMESPACE", "{{ .Alert.Labels.namespace }}"), ("SEVERITY", "{{ .Labels.severity }}")));

    private static readonly Container RolloutRestart = new(
        ["kubectl"],
        ["rollout", "restart", "daemonset/{{ .Alert.Labels.daemonset }}", "-n", "{{ .Alert.Labels.namespace }}"],
        Labels(("GROUP", "{{ .HookMessage.GroupKey }}"), ("STATUS", "{{ .HookMessage.Status }}")));

    private static Container Rendered(Container container, TemplateData data)
    {
        string Render(string text) => text.Contains("{{", StringComparison.Ordinal) ? GoTemplate.Parse("operarius", text).Render(data) : text;
        return new(container.Command.Select(Render).ToList(), container.Args.Select(Render).ToList(),
            container.Env.ToDictionary(e => e.Key, e => Render(e.Value), StringComparer.Ordinal));
    }

    [Fact]
    public void The_pod_restart_example_gets_the_alerts_pod_and_namespace_in_its_env()
    {
        var job = Rendered(PodRestart, Data);

        Assert.Equal(["/bin/sh", "-c"], job.Command);
        Assert.Equal(["kubectl delete pod \"$POD_NAME\" -n \"$NAMESPACE\""], job.Args);
        Assert.Equal(Labels(("ALERT_NAME", "KubeDaemonSetRolloutStuck"), ("POD_NAME", "node-exporter-abc12"),
            ("NAMESPACE", "monitoring"), ("SEVERITY", "warning")), job.Env);
    }

    [Fact]
    public void The_rollout_restart_example_names_the_daemonset_in_its_args()
    {
        var job = Rendered(RolloutRestart, Data);

        Assert.Equal(["rollout", "restart", "daemonset/node-exporter", "-n", "monitoring"], job.Args);
        Assert.Equal("{}:{alertname=\"KubeDaemonSetRolloutStuck\"}", job.Env["GROUP"]);
        Assert.Equal("firing", job.Env["STATUS"]);
    }

    [Fact]
    public void An_alert_without_the_label_a_field_names_fails_instead_of_running_with_an_empty_value()
    {
        var container = PodRestart with { Env = Labels(("POD_NAME", "{{ .Alert.Labels.pod }}")) };

        var error = Assert.Throws<TemplateExecutionException>(() => Rendered(container, TemplateData.For(FluentBit, RolloutStuckWebhook)));

        Assert.Equal("template: operarius:1:3: executing \"operarius\" at <.Alert.Labels.pod>: map has no entry for key \"pod\"", error.Message);
    }

    [Fact]
    public void Index_of_a_missing_label_is_empty_as_in_go_even_with_missingkey_error()
    {
        var job = Rendered(PodRestart, TemplateData.For(FluentBit, RolloutStuckWebhook));

        Assert.Equal("", job.Env["POD_NAME"]);
        Assert.Equal("logging", job.Env["NAMESPACE"]);
    }
}

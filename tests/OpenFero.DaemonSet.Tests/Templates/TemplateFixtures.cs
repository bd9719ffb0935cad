using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Templates;

namespace OpenFero.DaemonSet.Tests.Templates;

/// <summary>A webhook body of two KubeDaemonSetRolloutStuck alerts, as Alertmanager sends it, and helpers to render with it.</summary>
internal static class TemplateFixtures
{
    public static readonly AlertmanagerAlert NodeExporter = new(
        "firing",
        Labels(("alertname", "KubeDaemonSetRolloutStuck"), ("daemonset", "node-exporter"), ("namespace", "monitoring"),
            ("pod", "node-exporter-abc12"), ("severity", "warning")),
        Labels(("description", "DaemonSet monitoring/node-exporter has not finished its rollout."), ("summary", "Rollout stuck.")),
        new DateTimeOffset(2026, 12, 3, 5, 0, 0, 123, TimeSpan.Zero),
        DateTimeOffset.MinValue,
        "http://prometheus:9090/graph?g0.expr=x",
        "4f1c2a7b9d3e5f60");

    public static readonly AlertmanagerAlert FluentBit = NodeExporter with
    {
        Labels = Labels(("alertname", "KubeDaemonSetRolloutStuck"), ("daemonset", "fluent-bit"), ("namespace", "logging"),
            ("severity", "warning")),
    };

    public static readonly AlertmanagerWebhook RolloutStuckWebhook = new(
        "4",
        "{}:{alertname=\"KubeDaemonSetRolloutStuck\"}",
        0,
        "firing",
        "openfero",
        Labels(("alertname", "KubeDaemonSetRolloutStuck")),
        Labels(("alertname", "KubeDaemonSetRolloutStuck"), ("severity", "warning")),
        Labels(("summary", "Rollout stuck.")),
        "http://alertmanager:9093",
        [NodeExporter, FluentBit]);

    public static TemplateData Data => TemplateData.For(RolloutStuckWebhook);

    public static string Render(string text) => GoTemplate.Parse("t", text).Render(Data);

    public static string Render(string text, AlertmanagerAlert alert) =>
        GoTemplate.Parse("t", text).Render(TemplateData.For(alert, RolloutStuckWebhook with { Alerts = [alert] }));

    public static IReadOnlyDictionary<string, string> Labels(params (string Name, string Value)[] labels) =>
        labels.ToDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal);
}

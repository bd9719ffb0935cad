using System.Text;
using System.Text.Json.Nodes;

namespace OpenFero.DaemonSet.Tests.Peers;

/// <summary>
/// Debian's Alertmanager 0.25 on loopback, routing every alert to one webhook receiver with short group
/// timings, HA gossip off. Alerts are raised through its own API; disposing kills it.
/// </summary>
internal sealed class AlertmanagerProcess : IAsyncDisposable
{
    private readonly PeerProcess peer;

    private AlertmanagerProcess(PeerProcess peer) => this.peer = peer;

    public Uri Address => peer.Address;
    public HttpClient Http => peer.Http;
    public string Output => peer.Output;

    /// <param name="receiverUrl">The webhook URL, e.g. http://127.0.0.1:port/alerts.</param>
    /// <param name="httpConfig">The receiver's http_config as YAML lines (authorization or basic_auth), or empty.</param>
    public static async Task<AlertmanagerProcess> StartAsync(string receiverUrl, string httpConfig = "")
    {
        var binary = PeerBinary.Require("prometheus-alertmanager", "prometheus-alertmanager", "alertmanager");
        var folder = Directory.CreateTempSubdirectory("alertmanager-").FullName;
        var config = Path.Combine(folder, "alertmanager.yml");
        await File.WriteAllTextAsync(config, $"""
            route:
              receiver: openfero
              group_by: ['alertname', 'namespace', 'daemonset']
              group_wait: 1s
              group_interval: 2s
              repeat_interval: 3s
            receivers:
              - name: openfero
                webhook_configs:
                  - url: {receiverUrl}
                    send_resolved: true
            {Indent(httpConfig, 8)}
            """);
        return new AlertmanagerProcess(await PeerProcess.StartAsync(binary, folder, port =>
            $"--config.file={config} --storage.path={Path.Combine(folder, "data")} --web.listen-address=127.0.0.1:{port} --cluster.listen-address= --log.level=debug", "-/ready"));
    }

    /// <summary>Raises (or, with endsAt in the past, resolves) an alert through Alertmanager's API v2.</summary>
    public async Task PostAlertAsync(IReadOnlyDictionary<string, string> labels, DateTimeOffset startsAt, DateTimeOffset? endsAt = null)
    {
        var alert = new JsonObject
        {
            ["labels"] = new JsonObject(labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["annotations"] = new JsonObject { ["summary"] = "DaemonSet rollout is stuck." },
            ["startsAt"] = startsAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (endsAt is { } end)
        {
            alert["endsAt"] = end.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        var response = await Http.PostAsync(new Uri("api/v2/alerts", UriKind.Relative), new StringContent(new JsonArray(alert).ToJsonString(), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A counter from Alertmanager's own /metrics, summed over its labels matching the filter.</summary>
    public async Task<double> MetricAsync(string name, string labelFilter)
    {
        var text = await Http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        return text.Split('\n')
            .Where(l => l.StartsWith(name, StringComparison.Ordinal) && l.Contains(labelFilter, StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public ValueTask DisposeAsync() => peer.DisposeAsync();

    private static string Indent(string yaml, int spaces) =>
        string.Join('\n', yaml.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => new string(' ', spaces) + line));
}

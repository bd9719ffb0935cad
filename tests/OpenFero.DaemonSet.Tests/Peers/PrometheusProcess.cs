using System.Text.Json.Nodes;

namespace OpenFero.DaemonSet.Tests.Peers;

/// <summary>
/// Debian's Prometheus 2.42 on loopback: scrapes the simulated cluster's <c>/metrics</c> (kube-state-metrics' and
/// cAdvisor's series) every second as job "kube-state-metrics", and either evaluates the kubernetes-mixin DaemonSet
/// alert rules (with a short <c>for:</c>: the expressions are the mixin's, only the wait is shortened so a test need
/// not sit through 10 or 15 minutes) and sends to an Alertmanager, or only answers queries.
/// </summary>
internal sealed class PrometheusProcess : IAsyncDisposable
{
    private readonly PeerProcess peer;

    private PrometheusProcess(PeerProcess peer) => this.peer = peer;

    public HttpClient Http => peer.Http;
    public Uri Address => peer.Address;
    public string Output => peer.Output;

    /// <summary>The mixin's KubeDaemonSetRolloutStuck rule, as kube-prometheus-stack ships it, with the given <c>for:</c>.</summary>
    public static string RolloutStuckRule(string forDuration) => $$$"""
        groups:
          - name: kubernetes-apps
            rules:
              - alert: KubeDaemonSetRolloutStuck
                expr: |
                  (
                    (
                      kube_daemonset_status_current_number_scheduled{job="kube-state-metrics"}
                        !=
                      kube_daemonset_status_desired_number_scheduled{job="kube-state-metrics"}
                    ) or (
                      kube_daemonset_status_number_misscheduled{job="kube-state-metrics"}
                        !=
                      0
                    ) or (
                      kube_daemonset_status_updated_number_scheduled{job="kube-state-metrics"}
                        !=
                      kube_daemonset_status_desired_number_scheduled{job="kube-state-metrics"}
                    ) or (
                      kube_daemonset_status_number_available{job="kube-state-metrics"}
                        !=
                      kube_daemonset_status_desired_number_scheduled{job="kube-state-metrics"}
                    )
                  ) and (
                    changes(kube_daemonset_status_updated_number_scheduled{job="kube-state-metrics"}[5m])
                      ==
                    0
                  )
                for: {{{forDuration}}}
                labels:
                  severity: warning
                annotations:
                  summary: DaemonSet rollout is stuck.
                  description: DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }} has not finished or progressed for at least {{{forDuration}}}.
        """;

    /// <summary>The mixin's KubeDaemonSetNotScheduled rule, as kube-prometheus-stack ships it (for: 10m there), with the given <c>for:</c>.</summary>
    public static string NotScheduledRule(string forDuration) => $$$"""
        groups:
          - name: kubernetes-apps
            rules:
              - alert: KubeDaemonSetNotScheduled
                expr: |
                  kube_daemonset_status_desired_number_scheduled{job="kube-state-metrics"}
                    -
                  kube_daemonset_status_current_number_scheduled{job="kube-state-metrics"} > 0
                for: {{{forDuration}}}
                labels:
                  severity: warning
                annotations:
                  summary: DaemonSet pods are not scheduled.
                  description: '{{ $value }} Pods of DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }} are not scheduled.'
        """;

    public static async Task<PrometheusProcess> StartAsync(Uri scrapeTarget, Uri alertmanager, string rules)
    {
        var folder = Directory.CreateTempSubdirectory("prometheus-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "rules.yml"), rules);
        return await StartAsync(folder, scrapeTarget, $"""
            rule_files: [{Path.Combine(folder, "rules.yml")}]
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ['{alertmanager.Authority}']
            """);
    }

    /// <summary>Prometheus that only scrapes the simulated cluster every second (no rules, no Alertmanager), for its query API.</summary>
    public static Task<PrometheusProcess> StartScrapingAsync(Uri scrapeTarget) =>
        StartAsync(Directory.CreateTempSubdirectory("prometheus-").FullName, scrapeTarget, "");

    private static async Task<PrometheusProcess> StartAsync(string folder, Uri scrapeTarget, string more)
    {
        var binary = PeerBinary.Require("prometheus", "prometheus");
        await File.WriteAllTextAsync(Path.Combine(folder, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            {more}
            scrape_configs:
              - job_name: kube-state-metrics
                static_configs:
                  - targets: ['{scrapeTarget.Authority}']
            """);
        return new PrometheusProcess(await PeerProcess.StartAsync(binary, folder, port =>
            $"--config.file={Path.Combine(folder, "prometheus.yml")} --storage.tsdb.path={Path.Combine(folder, "data")} --web.listen-address=127.0.0.1:{port}", "-/ready"));
    }

    /// <summary>The state of an alert (pending, firing) or null when it is not active.</summary>
    public async Task<string?> AlertStateAsync(string alertname, string daemonSet) =>
        (await AlertAsync(alertname, daemonSet))?["state"]?.GetValue<string>();

    /// <summary>An active alert as Prometheus' API gives it (labels, annotations, state, value), or null.</summary>
    public async Task<JsonNode?> AlertAsync(string alertname, string daemonSet)
    {
        var alerts = JsonNode.Parse(await Http.GetStringAsync(new Uri("api/v1/alerts", UriKind.Relative)))!["data"]!["alerts"]!.AsArray();
        return alerts.FirstOrDefault(a => a!["labels"]!["alertname"]!.GetValue<string>() == alertname && a["labels"]!["daemonset"]?.GetValue<string>() == daemonSet);
    }

    public ValueTask DisposeAsync() => peer.DisposeAsync();
}

using System.Diagnostics.Metrics;
using OpenFero.DaemonSet.Metrics;

namespace OpenFero.DaemonSet.Rollouts;

/// <summary>
/// Per watched DaemonSet, read from the live model when Prometheus scrapes: the rollout's state (one series per state,
/// 1 for the current one, as kube-state-metrics writes conditions), its duration, and its pods desired, updated and available.
/// </summary>
public sealed class RolloutMetrics
{
    private static readonly RolloutPhase[] States = Enum.GetValues<RolloutPhase>();
    private static readonly Dictionary<RolloutPhase, string> StateNames = States.ToDictionary(s => s, s => s.ToString().ToLowerInvariant());

    /// <summary>
    /// The monitor is asked for at the first scrape, not here: the gauges exist before the host starts (so the first
    /// scrape has them), and the monitor needs the Kubernetes client, which the host checks first.
    /// </summary>
    public RolloutMetrics(ServerMetrics metrics, IServiceProvider services)
    {
        var meter = metrics.Meter;
        var monitor = new Lazy<RolloutMonitor>(services.GetRequiredService<RolloutMonitor>);
        meter.CreateObservableGauge("daemonset_rollout_state", () => monitor.Value.All().SelectMany(StateMeasurements),
            description: "A DaemonSet's rollout state against the progress deadline: 1 for the current state (progressing, stalled, complete).");
        meter.CreateObservableGauge("daemonset_rollout_duration_seconds", () => monitor.Value.All()
                .Where(v => v.Duration is not null)
                .Select(v => new Measurement<double>(v.Duration!.Value.TotalSeconds, Tags(v))),
            unit: "s", description: "How long the DaemonSet's current or last rollout has taken, since this server saw it start.");
        meter.CreateObservableGauge("daemonset_rollout_pods_desired", () => monitor.Value.All().Select(v => new Measurement<int>(v.Desired, Tags(v))),
            description: "Pods the DaemonSet should run.");
        meter.CreateObservableGauge("daemonset_rollout_pods_updated", () => monitor.Value.All().Select(v => new Measurement<int>(v.Updated, Tags(v))),
            description: "Pods of the DaemonSet's current revision.");
        meter.CreateObservableGauge("daemonset_rollout_pods_available", () => monitor.Value.All().Select(v => new Measurement<int>(v.Available, Tags(v))),
            description: "Pods of the DaemonSet available.");
    }

    private static IEnumerable<Measurement<int>> StateMeasurements(RolloutView view) =>
        States.Select(s => new Measurement<int>(view.State == s ? 1 : 0, [.. Tags(view), new("state", StateNames[s])]));

    private static KeyValuePair<string, object?>[] Tags(RolloutView view) =>
        [new("namespace", view.Namespace), new("daemonset", view.Name)];
}

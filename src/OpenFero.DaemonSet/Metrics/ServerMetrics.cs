using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace OpenFero.DaemonSet.Metrics;

/// <summary>
/// The server's own metrics, rendered at <c>/metrics</c> in Prometheus text format. One instance per process.
/// </summary>
public sealed class ServerMetrics
{
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<string, long> alertsReceived = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> kubernetesRetries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> kubernetesFailures = new(StringComparer.Ordinal);
    private readonly long[] latencyCounts = new long[LatencyBuckets.Length];
    private readonly Lock latencyGate = new();
    private long jobsCreated;
    private long jobsSucceeded;
    private long jobsFailed;
    private long latencyCount;
    private double latencySum;

    public void AlertReceived(string outcome) => alertsReceived.AddOrUpdate(outcome, 1, (_, n) => n + 1);

    public void JobCreated() => Interlocked.Increment(ref jobsCreated);

    public void JobSucceeded() => Interlocked.Increment(ref jobsSucceeded);

    public void JobFailed() => Interlocked.Increment(ref jobsFailed);

    public void KubernetesRetry(string reason) => kubernetesRetries.AddOrUpdate(reason, 1, (_, n) => n + 1);

    public void KubernetesFailure(string reason) => kubernetesFailures.AddOrUpdate(reason, 1, (_, n) => n + 1);

    public void WebhookAnswered(TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        lock (latencyGate)
        {
            latencyCount++;
            latencySum += seconds;
            for (var i = 0; i < LatencyBuckets.Length; i++)
            {
                if (seconds <= LatencyBuckets[i])
                {
                    latencyCounts[i]++;
                }
            }
        }
    }

    public string Render()
    {
        var text = new StringBuilder();
        Labelled(text, "openfero_alerts_received_total", "Alerts received, by outcome.", "outcome", alertsReceived);
        Counter(text, "openfero_jobs_created_total", "Remediation Jobs created by this replica.", Interlocked.Read(ref jobsCreated));
        Counter(text, "openfero_jobs_succeeded_total", "Remediation Jobs seen completing successfully.", Interlocked.Read(ref jobsSucceeded));
        Counter(text, "openfero_jobs_failed_total", "Remediation Jobs seen failing.", Interlocked.Read(ref jobsFailed));
        Labelled(text, "openfero_kubernetes_retries_total", "Kubernetes API calls retried, by reason.", "reason", kubernetesRetries);
        Labelled(text, "openfero_kubernetes_failures_total", "Kubernetes API calls that failed after retries, by reason.", "reason", kubernetesFailures);
        text.Append("# HELP openfero_webhook_duration_seconds Time to answer POST /alerts.\n# TYPE openfero_webhook_duration_seconds histogram\n");
        lock (latencyGate)
        {
            for (var i = 0; i < LatencyBuckets.Length; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"openfero_webhook_duration_seconds_bucket{{le=\"{LatencyBuckets[i]}\"}} {latencyCounts[i]}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"openfero_webhook_duration_seconds_bucket{{le=\"+Inf\"}} {latencyCount}\n");
            text.Append(CultureInfo.InvariantCulture, $"openfero_webhook_duration_seconds_sum {latencySum}\n");
            text.Append(CultureInfo.InvariantCulture, $"openfero_webhook_duration_seconds_count {latencyCount}\n");
        }

        return text.ToString();
    }

    private static void Counter(StringBuilder text, string name, string help, long value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}\n");

    private static void Labelled(StringBuilder text, string name, string help, string label, ConcurrentDictionary<string, long> values)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n");
        foreach (var (key, value) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}{{{label}=\"{key}\"}} {value}\n");
        }
    }
}

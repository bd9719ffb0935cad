using System.Diagnostics.Metrics;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// The server's own instruments (System.Diagnostics.Metrics), exported at <c>/metrics</c> in Prometheus format.
/// One instance per process, registered as a singleton.
/// </summary>
public sealed class ServerMetrics : IDisposable
{
    public const string MeterName = "OpenFero.DaemonSet";

    private readonly Meter meter;
    private readonly Counter<long> alertsReceived;
    private readonly Counter<long> jobsCreated;
    private readonly Counter<long> jobsSucceeded;
    private readonly Counter<long> jobsFailed;
    private readonly Counter<long> kubernetesRetries;
    private readonly Counter<long> kubernetesFailures;
    private readonly Histogram<double> webhookDuration;

    public ServerMetrics(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(MeterName);
        alertsReceived = meter.CreateCounter<long>("openfero_alerts_received", description: "Alerts received, by outcome");
        jobsCreated = meter.CreateCounter<long>("openfero_jobs_created", description: "Remediation Jobs created by this replica");
        jobsSucceeded = meter.CreateCounter<long>("openfero_jobs_succeeded", description: "Remediation Jobs seen completing successfully");
        jobsFailed = meter.CreateCounter<long>("openfero_jobs_failed", description: "Remediation Jobs seen failing, or failing to be created");
        kubernetesRetries = meter.CreateCounter<long>("openfero_kubernetes_retries", description: "Kubernetes API calls retried, by reason");
        kubernetesFailures = meter.CreateCounter<long>("openfero_kubernetes_failures", description: "Kubernetes API calls that failed after retries, by reason");
        webhookDuration = meter.CreateHistogram<double>("openfero_webhook_duration_seconds", unit: "s", description: "Time to answer POST /alerts");
    }

    public void AlertReceived(string outcome) => alertsReceived.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void JobCreated() => jobsCreated.Add(1);

    public void JobSucceeded() => jobsSucceeded.Add(1);

    public void JobFailed() => jobsFailed.Add(1);

    public void KubernetesRetry(string reason) => kubernetesRetries.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void KubernetesFailure(string reason) => kubernetesFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void WebhookAnswered(TimeSpan elapsed, int statusCode) =>
        webhookDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("code", statusCode));

    public void Dispose() => meter.Dispose();
}

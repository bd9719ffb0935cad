using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace OpenFero.DaemonSet.Metrics;

/// <summary>
/// The server's own instruments, on a <see cref="Meter"/> named <c>openfero</c> from the host's meter factory;
/// <see cref="MetricsRegistration"/> exposes them at <c>/metrics</c> under their Prometheus names
/// (<c>openfero_</c> + instrument name).
/// </summary>
public sealed class ServerMetrics
{
    public const string MeterName = "openfero";

    /// <summary>The outcome label of a Job that ended without one (an Operarius that does not write the contract).</summary>
    public const string UnknownOutcome = "unknown";

    /// <summary>
    /// The outcome labels, each exported from the start: the runner's wire names (RemediationResults.WireName; named
    /// here because the Remediation feature depends on this one) and <see cref="UnknownOutcome"/>.
    /// </summary>
    private static readonly string[] Outcomes = ["rolledOut", "declined", "dryRun", "notRolledOut", "error", "analyzed", "held", "situationChanged", "expired", UnknownOutcome];

    /// <summary>
    /// Alerts received, by outcome: counted here and read by an observable counter when scraped. A counter's
    /// measurement per alert went through the exporter's listener on the request (a lookup, a lease, a lock);
    /// this is an increment. The exposition is the same, a series per outcome seen.
    /// </summary>
    private readonly ConcurrentDictionary<string, StrongBox<long>> alertsReceived = new(StringComparer.Ordinal);
    private readonly Counter<long> jobsCreated;
    private readonly Counter<long> jobsSucceeded;
    private readonly Counter<long> jobsFailed;
    private readonly Counter<long> remediationOutcomes;
    private readonly Counter<long> kubernetesRetries;
    private readonly Counter<long> kubernetesFailures;
    private readonly Counter<long> operariusSyncErrors;
    private readonly Histogram<double> webhookDuration;
    private Func<int>? operariiLoaded;

    public ServerMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        Meter.CreateObservableCounter("alerts_received_total", AlertsReceivedMeasurements, description: "Alerts received, by outcome.");
        jobsCreated = Meter.CreateCounter<long>("jobs_created_total", description: "Remediation Jobs created by this replica.");
        jobsSucceeded = Meter.CreateCounter<long>("jobs_succeeded_total", description: "Remediation Jobs seen completing successfully.");
        jobsFailed = Meter.CreateCounter<long>("jobs_failed_total", description: "Remediation Jobs seen failing.");
        remediationOutcomes = Meter.CreateCounter<long>("remediation_outcomes_total", description: "Remediation Jobs seen ending, by the run's outcome.");
        kubernetesRetries = Meter.CreateCounter<long>("kubernetes_retries_total", description: "Kubernetes API calls retried, by reason.");
        kubernetesFailures = Meter.CreateCounter<long>("kubernetes_failures_total", description: "Kubernetes API calls that failed after retries, by reason.");
        operariusSyncErrors = Meter.CreateCounter<long>("operarius_sync_errors_total", description: "Lists and watches of Operarii that failed.");
        Meter.CreateObservableGauge<int>("operarius_items_loaded", OperariiLoadedMeasurements, description: "Operarii in this replica's catalog.");
        webhookDuration = Meter.CreateHistogram<double>("webhook_duration_seconds", unit: "s", description: "Time to answer POST /alerts.");
    }

    /// <summary>The meter holding these instruments: the exporter listens to it and to no other.</summary>
    public Meter Meter { get; }

    /// <summary>The unlabelled counters start at 0 on /metrics, so a rate over them exists before the first Job.</summary>
    public void Initialize()
    {
        jobsCreated.Add(0);
        jobsSucceeded.Add(0);
        jobsFailed.Add(0);
        operariusSyncErrors.Add(0);
        foreach (var outcome in Outcomes)
        {
            remediationOutcomes.Add(0, Outcome(outcome));
        }
    }

    public void AlertReceived(string outcome) =>
        Interlocked.Increment(ref alertsReceived.GetOrAdd(outcome, static _ => new StrongBox<long>()).Value);

    public void JobCreated() => jobsCreated.Add(1);

    public void JobSucceeded() => jobsSucceeded.Add(1);

    public void JobFailed() => jobsFailed.Add(1);

    public void RemediationOutcome(string outcome) => remediationOutcomes.Add(1, Outcome(outcome));

    public void KubernetesRetry(string reason) => kubernetesRetries.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void KubernetesFailure(string reason) => kubernetesFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void OperariusSyncError() => operariusSyncErrors.Add(1);

    /// <summary>Where <c>operarius_items_loaded</c> reads its value; nothing is exported before the catalog exists.</summary>
    public void ObserveOperariiLoaded(Func<int> count) => operariiLoaded = count;

    public void WebhookAnswered(TimeSpan elapsed) => webhookDuration.Record(elapsed.TotalSeconds);

    private IEnumerable<Measurement<long>> AlertsReceivedMeasurements() =>
        alertsReceived.Select(count => new Measurement<long>(Volatile.Read(ref count.Value.Value), Outcome(count.Key)));

    private IEnumerable<Measurement<int>> OperariiLoadedMeasurements() =>
        operariiLoaded is { } count ? [new Measurement<int>(count())] : [];

    private static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);
}

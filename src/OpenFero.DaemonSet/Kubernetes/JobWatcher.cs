using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Hosting;

namespace OpenFero.DaemonSet.Kubernetes;

/// <summary>
/// The remediation Jobs of the Operarius namespace, kept current with list+watch. Answers "does this alert
/// instance have its Job already" without an API call, and turns each Job's end into metrics and its
/// Operarius' status.
/// </summary>
public sealed partial class JobWatcher : BackgroundService, IReadinessCheck
{
    private readonly ListWatch<V1Job> cache;
    private readonly ServerMetrics metrics;
    private readonly FollowUpQueue followUps;
    private readonly OperariusStatusWriter statusWriter;

    public JobWatcher(IKubernetes client, IOptions<RemediationJobOptions> options, ServerMetrics metrics, FollowUpQueue followUps,
        OperariusStatusWriter statusWriter, TimeProvider time, ILogger<JobWatcher> logger)
    {
        var ns = options.Value.OperariusNamespace;
        this.metrics = metrics;
        this.followUps = followUps;
        this.statusWriter = statusWriter;
        cache = new ListWatch<V1Job>(
            $"remediation jobs in {ns}",
            async token =>
            {
                var list = await client.BatchV1.ListNamespacedJobAsync(ns, labelSelector: JobLabels.ManagedSelector, cancellationToken: token);
                return (list.Items, list.Metadata.ResourceVersion);
            },
            (resourceVersion, token) => client.BatchV1.WatchListNamespacedJobAsync(
                ns, labelSelector: JobLabels.ManagedSelector, resourceVersion: resourceVersion, cancellationToken: token),
            time,
            logger);
        cache.Changed += OnChanged;
    }

    public string Name => "job-watcher";

    public bool IsReady => cache.Synced;

    public V1Job? Get(string name) => cache.Get(name);

    public void Remember(V1Job job) => cache.Remember(job);

    public static string State(V1Job job) => job.Status switch
    {
        { Conditions: { } conditions } when conditions.Any(c => c.Type == "Complete" && c.Status == "True") => "succeeded",
        { Conditions: { } conditions } when conditions.Any(c => c.Type == "Failed" && c.Status == "True") => "failed",
        { Active: > 0 } => "running",
        _ => "pending",
    };

    public static bool IsFinished(V1Job job) => State(job) is "succeeded" or "failed";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => cache.RunAsync(stoppingToken);

    private void OnChanged(V1Job? previous, V1Job current)
    {
        var state = State(current);
        if (!IsFinished(current) || (previous is not null && State(previous) == state))
        {
            return;
        }

        if (previous is null && !cache.Synced)
        {
            // Finished before this replica started watching: its end was recorded when it happened.
            return;
        }

        if (state == "succeeded")
        {
            metrics.JobSucceeded();
        }
        else
        {
            metrics.JobFailed();
        }

        if (current.Metadata.Labels?.TryGetValue(JobLabels.Operarius, out var operarius) == true)
        {
            var status = state == "succeeded" ? "Successful" : "Failed";
            followUps.Enqueue($"status of operarius {operarius}", token =>
                statusWriter.RecordOutcomeAsync(operarius, current.Metadata.Name, status, token));
        }
    }
}

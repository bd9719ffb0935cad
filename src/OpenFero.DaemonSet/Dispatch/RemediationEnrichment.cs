using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Events;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// The analysis of a remediation's DaemonSet: its one-line verdict goes on the DaemonSet as an Event (once per Job,
/// under a name derived from the Job) and back to the caller, who records it on the Job.
/// </summary>
public sealed class RemediationEnrichment(DaemonSetSnapshotReader reader, DaemonSetEvents events, IOptions<AnalysisOptions> options, TimeProvider time)
{
    /// <summary>The verdict; null when the DaemonSet no longer exists (an AnalysisFailed Event says so).</summary>
    public async Task<string?> AnalyzeAsync(RemediationJobFacts job, CancellationToken cancellationToken)
    {
        var target = job.Target ?? throw new ArgumentException($"Job {job.Job} names no DaemonSet", nameof(job));
        var snapshot = await reader.ReadAsync(target, job.StartsAt, cancellationToken);
        var eventName = $"{job.Job}.analyzed";
        if (snapshot is null)
        {
            await events.RecordOnceAsync(target, eventName, "AnalysisFailed", $"{job.AlertName}: daemonset not found", "Warning", cancellationToken);
            return null;
        }

        var report = DaemonSetAnalyzer.Analyze(snapshot, options.Value, time.GetUtcNow());
        await events.RecordOnceAsync(target, eventName, "Analyzed", $"{job.AlertName}: {report.Verdict.Summary}", "Normal", cancellationToken);
        return report.Verdict.Summary;
    }
}

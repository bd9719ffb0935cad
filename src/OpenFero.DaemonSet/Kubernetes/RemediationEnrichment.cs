using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Alerting;
using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Kubernetes;

/// <summary>
/// After a Job is started for a DaemonSet alert: the analysis' verdict goes on the Job (annotation, so the
/// history shows it) and on the DaemonSet (an Event). Runs as a follow-up, off the webhook's answer.
/// </summary>
public sealed class RemediationEnrichment(
    IKubernetes client, DaemonSetSnapshotReader reader, DaemonSetEvents events, IOptions<AnalysisOptions> options, TimeProvider time)
{
    public async Task AttachVerdictAsync(AlertContext alert, DaemonSetTarget target, string jobNamespace, string jobName, CancellationToken cancellationToken)
    {
        var snapshot = await reader.ReadAsync(target, alert.StartsAt, cancellationToken);
        if (snapshot is null)
        {
            await events.RecordAsync(target, "AnalysisFailed", $"{alert.AlertName}: daemonset not found", "Warning", cancellationToken);
            return;
        }

        var report = DaemonSetAnalyzer.Analyze(snapshot, options.Value, time.GetUtcNow());
        var annotation = new Dictionary<string, object>
        {
            ["metadata"] = new Dictionary<string, object> { ["annotations"] = new Dictionary<string, string> { [JobLabels.VerdictAnnotation] = report.Verdict.Summary } },
        };
        await client.BatchV1.PatchNamespacedJobAsync(new V1Patch(annotation, V1Patch.PatchType.MergePatch), jobName, jobNamespace, cancellationToken: cancellationToken);
        await events.RecordAsync(target, "Analyzed", $"{alert.AlertName}: {report.Verdict.Summary}", "Normal", cancellationToken);
    }
}

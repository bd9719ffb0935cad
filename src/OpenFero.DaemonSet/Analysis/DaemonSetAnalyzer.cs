using k8s.Models;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>The analysis: a snapshot in, a report out. Pure — no clock but the one passed in, no I/O.</summary>
public static class DaemonSetAnalyzer
{
    public static DaemonSetReport Analyze(DaemonSetSnapshot snapshot, AnalysisOptions options, DateTimeOffset now)
    {
        var ds = snapshot.DaemonSet;
        var states = snapshot.Pods.ToDictionary(p => p.Metadata.Uid, p => PodClassifier.Classify(p, now));
        var templateGeneration = DaemonPods.TemplateGeneration(ds);
        var resources = options.DaemonsetPodAnalysis.IncludeResourceInfo;
        var usage = snapshot.Usage.Where(m => m.Metadata?.Name is not null).GroupBy(m => m.Metadata.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var pods = snapshot.Pods
            .OrderBy(p => DaemonPods.TargetNodeName(p), StringComparer.Ordinal)
            .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .Select(p => Pod(p, states[p.Metadata.Uid], DaemonPods.IsUpdated(p, snapshot.CurrentRevisionHash, templateGeneration), resources, now) with
            {
                Usage = resources ? ResourceUsage.Of(usage.GetValueOrDefault(p.Metadata.Name)) : null,
                NearMemoryLimit = resources ? ResourceUsage.NearMemoryLimit(p, usage.GetValueOrDefault(p.Metadata.Name)) : null,
            })
            .ToList();
        var status = Status(ds, snapshot.CurrentRevisionHash);
        var rollout = Rollout(ds, snapshot, pods);
        var (misscheduled, notScheduled, excluded, waitingForOldPod, notReadyWithPod) = PlacementAnalysis.Analyze(snapshot, states, now);
        var causes = VerdictRules.Causes(ds.Metadata.Name, status, rollout, pods, misscheduled, notScheduled, excluded, notReadyWithPod);
        var trends = options.DaemonsetHealthAnalysis is { Enabled: true, IncludeMetrics: true } && snapshot.Trends is TrendsRead.Measured measured
            ? HealthTrends.Of(measured.Samples, pods)
            : null;
        var health = options.DaemonsetHealthAnalysis.Enabled
            ? [.. HealthAnalysis.Analyze(ds, status.Desired, causes.Select(c => c.Cause)), .. trends is null ? [] : HealthTrends.Findings(trends)]
            : (IReadOnlyList<HealthFinding>)[];
        return new DaemonSetReport(
            ds.Metadata.NamespaceProperty,
            ds.Metadata.Name,
            now,
            causes[0],
            causes,
            options.DaemonsetStatusEnricher.Enabled ? status : null,
            options.DaemonsetRolloutMonitor.Enabled ? rollout : null,
            options.DaemonsetPodAnalysis.Enabled ? pods : [],
            options.DaemonsetMisscheduledAnalysis.Enabled ? misscheduled : [],
            options.DaemonsetMisscheduledAnalysis.Enabled ? notScheduled : [],
            options.DaemonsetMisscheduledAnalysis.Enabled && options.DaemonsetMisscheduledAnalysis.IncludeNodeInfo ? excluded : [],
            health)
        {
            WaitingForOldPod = options.DaemonsetMisscheduledAnalysis.Enabled ? waitingForOldPod : [],
            UsageUnavailable = options.DaemonsetPodAnalysis is { Enabled: true, IncludeResourceInfo: true } ? snapshot.UsageUnavailable : null,
            Trends = trends,
            TrendsUnavailable = options.DaemonsetHealthAnalysis is { Enabled: true, IncludeMetrics: true } && snapshot.Trends is TrendsRead.Unavailable why ? why.Reason : null,
            Details = options.DaemonsetStatusEnricher is { Enabled: true, ShowDetails: true }
                ? ConfigurationDetails.Of(ds, snapshot.Revisions, snapshot.CurrentRevisionHash, now)
                : null,
        };
    }

    private static StatusReport Status(V1DaemonSet ds, string? revision)
    {
        var s = ds.Status ?? new V1DaemonSetStatus();
        var budget = UpdateBudget.Resolve(ds, s.DesiredNumberScheduled);
        return new StatusReport(
            s.DesiredNumberScheduled,
            s.CurrentNumberScheduled,
            s.NumberReady,
            s.UpdatedNumberScheduled ?? 0,
            s.NumberAvailable ?? 0,
            s.NumberMisscheduled,
            s.NumberUnavailable ?? s.DesiredNumberScheduled - (s.NumberAvailable ?? 0),
            ds.Metadata.Generation ?? 0,
            s.ObservedGeneration ?? 0,
            ds.Spec.UpdateStrategy?.Type ?? "RollingUpdate",
            ds.Spec.UpdateStrategy?.RollingUpdate?.MaxUnavailable?.Value,
            ds.Spec.UpdateStrategy?.RollingUpdate?.MaxSurge?.Value,
            budget.MaxUnavailable,
            budget.MaxSurge,
            revision);
    }

    private static RolloutReport Rollout(V1DaemonSet ds, DaemonSetSnapshot snapshot, IReadOnlyList<PodReport> pods)
    {
        var kubectl = RolloutStatus.Evaluate(ds);
        var since = snapshot.AlertStartedAt;
        var updatedSince = since is null ? 0 : snapshot.Pods.Count(p =>
            p.Metadata.CreationTimestamp is { } created && new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) >= since &&
            pods.Any(r => r.Uid == p.Metadata.Uid && r.Updated));
        var stuck = pods.Any(p => PodClassifier.IsStuck(p.Condition)) || pods.Any(p => p.Condition == PodCondition.TerminatingTooLong);
        var state = kubectl switch
        {
            { Error: not null } => RolloutState.NotTrackable,
            { Done: true } => RolloutState.Done,
            _ when kubectl.Message.StartsWith("Waiting for daemon set spec update", StringComparison.Ordinal) => RolloutState.SpecNotObserved,
            _ when stuck || (since is not null && updatedSince == 0) => RolloutState.Stalled,
            _ => RolloutState.Progressing,
        };
        return new RolloutReport(kubectl.Message.TrimEnd('\n'), kubectl.Done, kubectl.Error, state, updatedSince);
    }

    private static PodReport Pod(V1Pod pod, (PodCondition Condition, string? Message) state, bool updated, bool resources, DateTimeOffset now)
    {
        var containers = pod.Spec?.Containers ?? [];
        return new PodReport(
            pod.Metadata.Name,
            pod.Metadata.Uid,
            DaemonPods.TargetNodeName(pod),
            pod.Status?.Phase ?? "Pending",
            DaemonPods.IsReady(pod),
            pod.Status?.ContainerStatuses?.Sum(c => c.RestartCount) ?? 0,
            state.Condition,
            state.Message,
            updated,
            pod.Metadata.CreationTimestamp is { } created ? now - new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : TimeSpan.Zero,
            resources ? Quantities(containers.Select(c => c.Resources?.Requests)) : null,
            resources ? Quantities(containers.Select(c => c.Resources?.Limits)) : null)
        {
            Terminating = DaemonPods.IsDeleting(pod),
            Status = KubectlPodStatus.Of(pod),
        };
    }

    private static IReadOnlyDictionary<string, string> Quantities(IEnumerable<IDictionary<string, ResourceQuantity>?> perContainer) =>
        perContainer.Where(q => q is not null).SelectMany(q => q!)
            .GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join("+", g.Select(kv => kv.Value.ToString())), StringComparer.Ordinal);
}

namespace OpenFero.DaemonSet.Analysis;

/// <summary>The main cause, in order of what explains the most: the first rule that applies decides.</summary>
public static class VerdictRules
{
    public static Verdict Decide(string name, StatusReport status, RolloutReport rollout, IReadOnlyList<PodReport> pods,
        IReadOnlyList<MisscheduledPod> misscheduled, IReadOnlyList<UnscheduledNode> notScheduled, IReadOnlyList<ExcludedNode> excluded)
    {
        var updatedFailing = pods.Where(p => p.Updated && PodClassifier.IsBrokenTemplate(p.Condition)).ToList();
        var oldStuck = pods.Where(p => !p.Updated && PodClassifier.IsStuck(p.Condition) && p.Condition != PodCondition.Unschedulable).ToList();
        var updatedCount = pods.Count(p => p.Updated);
        return true switch
        {
            _ when status.Strategy == "OnDelete" && pods.Any(p => !p.Updated) =>
                new(VerdictCause.OnDeleteWaiting, $"OnDelete: {pods.Count(p => !p.Updated)} of {pods.Count} pods still run the old template until deleted"),
            _ when rollout.State == RolloutState.SpecNotObserved =>
                new(VerdictCause.SpecNotObserved, "the DaemonSet controller has not observed the latest spec yet"),
            _ when misscheduled.Count > 0 && misscheduled.All(m => m.AutoscalerScaleDown) =>
                new(VerdictCause.AutoscalerFalseAlarm, $"known false alarm: autoscaler scale-down taint on {Nodes(misscheduled.Select(m => m.Node))}"),
            _ when updatedFailing.Count > 0 =>
                new(VerdictCause.NewRevisionFailing, $"new revision {Describe(updatedFailing[0].Condition)} on {updatedFailing.Count}/{updatedCount} updated pods ({Nodes(updatedFailing.Select(p => p.Node))})"),
            _ when oldStuck.Count > 0 =>
                new(VerdictCause.OldPodsCannotRun, $"{oldStuck.Count} old-revision pod{(oldStuck.Count == 1 ? "" : "s")} cannot run: {string.Join("; ", oldStuck.GroupBy(p => p.Condition).Select(g => $"{g.Key} on {Nodes(g.Select(p => p.Node))}"))}"),
            _ when notScheduled.FirstOrDefault(n => n.Reason == UnscheduledReason.InsufficientResources) is { } full =>
                new(VerdictCause.InsufficientResources, $"{name} pod on {full.Node} Pending: {full.Detail}"),
            _ when notScheduled.FirstOrDefault(n => n.Reason == UnscheduledReason.HostPortTaken) is { } port =>
                new(VerdictCause.HostPortConflict, $"{name} pod on {port.Node} Pending: {port.Detail}"),
            _ when notScheduled.FirstOrDefault(n => n.Reason == UnscheduledReason.NodeNotReady) is { } down =>
                new(VerdictCause.NodeNotReady, $"{down.Node} is NotReady: its daemon pod cannot run"),
            _ when misscheduled.FirstOrDefault() is { } misplaced =>
                new(VerdictCause.Misscheduled, $"pod on {misplaced.Node} misscheduled: {misplaced.Detail} ({(misplaced.WillBeDeleted ? "the controller will delete it" : "kept running: only NoExecute taints evict")})"),
            _ when rollout.Done && excluded.FirstOrDefault(e => e.Rule == "taint" && !e.Detail.Contains("node-role.kubernetes.io/", StringComparison.Ordinal)) is { } tainted =>
                new(VerdictCause.UntoleratedTaint, $"{tainted.Node} tainted {tainted.Detail.Replace("untolerated taint ", "", StringComparison.Ordinal)}, not tolerated"),
            _ when rollout.Done => new(VerdictCause.RolledOut, $"daemon set \"{name}\" successfully rolled out"),
            _ when rollout.State == RolloutState.Progressing => new(VerdictCause.Progressing, rollout.Message),
            _ => new(VerdictCause.Stalled, $"rollout stalled: {rollout.Message}"),
        };
    }

    private static string Describe(PodCondition condition) => condition switch
    {
        PodCondition.CrashLoopBackOff => "crash-looping",
        PodCondition.OOMKilled => "OOMKilled",
        PodCondition.ImagePullBackOff or PodCondition.ErrImagePull => "cannot pull its image",
        _ => condition.ToString(),
    };

    private static string Nodes(IEnumerable<string?> nodes) => string.Join(", ", nodes.Select(n => n ?? "(unscheduled)").Distinct());
}

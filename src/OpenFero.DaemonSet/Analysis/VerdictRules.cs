namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// Every cause the analysis finds, most severe first; the verdict is the first of them. The order, from the top:
/// <list type="number">
/// <item>SpecNotObserved: the status describes an older spec, so nothing else can be judged until the controller catches up.</item>
/// <item>NewRevisionFailing: the template itself is broken; restarting or replacing pods only spreads it.</item>
/// <item>OnDeleteWaiting: the owners replace pods by hand; nothing is replaced behind their back.</item>
/// <item>OldPodsCannotRun: old pods hold the rollout's budget; replacing them is the fix.</item>
/// <item>PodCreationRefused, InsufficientResources, HostPortConflict, NodeNotReady: a daemon pod cannot be created, placed or
/// run (the API server refuses it: a ResourceQuota, an admission webhook; no room; a port taken; a node down); a person must act.</item>
/// <item>Misscheduled: a pod runs where the spec says it should not; the spec or the node must change.</item>
/// <item>Stalled, then Progressing: no cause found; the rollout is stuck, or still moving.</item>
/// <item>AutoscalerFalseAlarm, UntoleratedTaint, RolledOut: nothing is wrong with the rollout (known noise, an excluded node).</item>
/// </list>
/// So a known false alarm never outranks anything that is wrong: it is only the verdict when nothing else is.
/// </summary>
public static class VerdictRules
{
    private static readonly VerdictCause[] BySeverity =
    [
        VerdictCause.SpecNotObserved,
        VerdictCause.NewRevisionFailing,
        VerdictCause.OnDeleteWaiting,
        VerdictCause.OldPodsCannotRun,
        VerdictCause.PodCreationRefused,
        VerdictCause.InsufficientResources,
        VerdictCause.HostPortConflict,
        VerdictCause.NodeNotReady,
        VerdictCause.Misscheduled,
        VerdictCause.Stalled,
        VerdictCause.Progressing,
        VerdictCause.AutoscalerFalseAlarm,
        VerdictCause.UntoleratedTaint,
        VerdictCause.RolledOut,
    ];

    /// <summary>0 for the most severe cause; a larger number for a less severe one.</summary>
    public static int Severity(VerdictCause cause) => Array.IndexOf(BySeverity, cause);

    /// <summary>Causes that say nothing is wrong with the rollout itself.</summary>
    public static bool IsBenign(VerdictCause cause) => cause is VerdictCause.AutoscalerFalseAlarm or VerdictCause.UntoleratedTaint or VerdictCause.RolledOut;

    public static IReadOnlyList<Verdict> Causes(string name, StatusReport status, RolloutReport rollout, IReadOnlyList<PodReport> pods,
        IReadOnlyList<MisscheduledPod> misscheduled, IReadOnlyList<UnscheduledNode> notScheduled, IReadOnlyList<ExcludedNode> excluded,
        IReadOnlyList<string> notReadyNodesWithPod)
    {
        var found = new List<Verdict>();
        var updatedFailing = pods.Where(p => p.Updated && PodClassifier.IsBrokenTemplate(p.Condition)).ToList();
        var oldStuck = pods.Where(p => !p.Updated && PodClassifier.IsStuck(p.Condition) && p.Condition != PodCondition.Unschedulable).ToList();
        var autoscaler = misscheduled.Where(m => m.AutoscalerScaleDown).ToList();
        if (status.Strategy == "OnDelete" && pods.Any(p => !p.Updated))
        {
            found.Add(new(VerdictCause.OnDeleteWaiting, $"OnDelete: {pods.Count(p => !p.Updated)} of {pods.Count} pods still run the old template until deleted"));
        }

        if (rollout.State == RolloutState.SpecNotObserved)
        {
            found.Add(new(VerdictCause.SpecNotObserved, "the DaemonSet controller has not observed the latest spec yet"));
        }

        if (autoscaler.Count > 0)
        {
            found.Add(new(VerdictCause.AutoscalerFalseAlarm, $"known false alarm: autoscaler scale-down taint on {Nodes(autoscaler.Select(m => m.Node))}"));
        }

        if (updatedFailing.Count > 0)
        {
            found.Add(new(VerdictCause.NewRevisionFailing,
                $"new revision {Describe(updatedFailing[0].Condition)} on {updatedFailing.Count}/{pods.Count(p => p.Updated)} updated pods ({Nodes(updatedFailing.Select(p => p.Node))})"));
        }

        if (oldStuck.Count > 0)
        {
            found.Add(new(VerdictCause.OldPodsCannotRun,
                $"{oldStuck.Count} old-revision pod{(oldStuck.Count == 1 ? "" : "s")} cannot run: {string.Join("; ", oldStuck.GroupBy(p => p.Condition).Select(g => $"{g.Key} on {Nodes(g.Select(p => p.Node))}"))}"));
        }

        var refused = notScheduled.Where(n => n.Refusal is not null).ToList();
        if (refused.Count > 0)
        {
            found.Add(new(VerdictCause.PodCreationRefused, $"pod creation refused on {refused.Count} node{(refused.Count == 1 ? "" : "s")}: {refused[0].Refusal!.Reason}"));
        }

        if (notScheduled.FirstOrDefault(n => n.Reason == UnscheduledReason.InsufficientResources) is { } full)
        {
            found.Add(new(VerdictCause.InsufficientResources, $"{name} pod on {full.Node} Pending: {full.Detail}"));
        }

        if (notScheduled.FirstOrDefault(n => n.Reason == UnscheduledReason.HostPortTaken) is { } port)
        {
            found.Add(new(VerdictCause.HostPortConflict, $"{name} pod on {port.Node} Pending: {port.Detail}"));
        }

        if ((notScheduled.FirstOrDefault(n => n.Reason == UnscheduledReason.NodeNotReady)?.Node ?? notReadyNodesWithPod.FirstOrDefault()) is { } down)
        {
            found.Add(new(VerdictCause.NodeNotReady, $"{down} is NotReady: its daemon pod cannot run"));
        }

        if (misscheduled.FirstOrDefault(m => !m.AutoscalerScaleDown) is { } misplaced)
        {
            found.Add(new(VerdictCause.Misscheduled,
                $"pod on {misplaced.Node} misscheduled: {misplaced.Detail} ({(misplaced.WillBeDeleted ? "the controller will delete it" : "kept running: only NoExecute taints evict")})"));
        }

        if (rollout.Done && excluded.FirstOrDefault(e => e.Rule == "taint" && !e.Detail.Contains("node-role.kubernetes.io/", StringComparison.Ordinal)) is { } tainted)
        {
            found.Add(new(VerdictCause.UntoleratedTaint, $"{tainted.Node} tainted {tainted.Detail.Replace("untolerated taint ", "", StringComparison.Ordinal)}, not tolerated"));
        }

        if (found.All(c => IsBenign(c.Cause)))
        {
            // No cause explains the rollout's state: kubectl's words are the last cause.
            found.Add(rollout switch
            {
                { Done: true } => new(VerdictCause.RolledOut, $"daemon set \"{name}\" successfully rolled out"),
                { State: RolloutState.Progressing } => new(VerdictCause.Progressing, rollout.Message),
                _ => new(VerdictCause.Stalled, $"rollout stalled: {rollout.Message}"),
            });
        }

        return [.. found.OrderBy(c => Severity(c.Cause))];
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

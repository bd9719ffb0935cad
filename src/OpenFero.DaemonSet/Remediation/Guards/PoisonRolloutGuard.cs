using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// The poison-rollout guard: a node that went NotReady after a pod of the new revision landed on it may have been
/// taken down by that pod (a kernel module, a CNI, a node agent eating the node's memory). Pushing such a rollout on
/// takes the next nodes down, so a plan that would is replaced by a refusal that names the nodes and recommends the
/// undo. It judges only a rollout under way (not done) with an older revision to go back to.
/// </summary>
public static class PoisonRolloutGuard
{
    /// <summary>The plan, or its refusal when it would push a poisoned rollout on; a plan that undoes the rollout is the cure and stands.</summary>
    public static RemediationPlan Check(DaemonSetSnapshot snapshot, DaemonSetReport report, RemediationPlan plan) =>
        !plan.Steps.Any(s => s is RemediationStep.RolloutUndo) && Poisoned(snapshot, report) is { Count: > 0 } nodes
            ? new RemediationPlan(VerdictCause.NodeNotReady, Summary(nodes), [],
                $"do not push this rollout on: check the new revision, then kubectl rollout undo daemonset/{report.Name} -n {report.Namespace}", RemediationResult.Declined)
            { DryRun = plan.DryRun }
            : plan;

    /// <summary>Each node that went NotReady after the new revision's pod landed on it, with the pod and both times.</summary>
    public static IReadOnlyList<PoisonedNode> Poisoned(DaemonSetSnapshot snapshot, DaemonSetReport report)
    {
        if (report.Rollout is not { Done: false } || snapshot.Revisions.Count < 2)
        {
            return [];
        }

        var templateGeneration = DaemonPods.TemplateGeneration(snapshot.DaemonSet);
        var notReadySince = snapshot.Nodes
            .Select(n => (Node: n.Metadata.Name, Ready: n.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")))
            .Where(n => n.Ready is { Status: not "True", LastTransitionTime: not null })
            .ToDictionary(n => n.Node, n => new DateTimeOffset(DateTime.SpecifyKind(n.Ready!.LastTransitionTime!.Value, DateTimeKind.Utc)), StringComparer.Ordinal);
        return [.. snapshot.Pods
            .Where(p => DaemonPods.IsUpdated(p, snapshot.CurrentRevisionHash, templateGeneration) && p.Metadata.CreationTimestamp is not null)
            .Select(p => (Pod: p, Node: DaemonPods.TargetNodeName(p), Landed: new DateTimeOffset(DateTime.SpecifyKind(p.Metadata.CreationTimestamp!.Value, DateTimeKind.Utc))))
            .Where(p => p.Node is not null && notReadySince.TryGetValue(p.Node, out var since) && since >= p.Landed)
            .Select(p => new PoisonedNode(p.Node!, p.Pod.Metadata.Name, p.Landed, notReadySince[p.Node!]))
            .OrderBy(p => p.Node, StringComparer.Ordinal)];
    }

    private static string Summary(IReadOnlyList<PoisonedNode> nodes) =>
        $"poison rollout: {string.Join(", ", nodes.Select(n => $"{n.Node} went NotReady {HumanDuration.Format(n.NotReadySince - n.Landed)} after the new revision's pod {n.Pod} landed on it"))}";
}

/// <summary>A node that went NotReady (<paramref name="NotReadySince"/>) after the new revision's <paramref name="Pod"/> landed on it.</summary>
public sealed record PoisonedNode(string Node, string Pod, DateTimeOffset Landed, DateTimeOffset NotReadySince);

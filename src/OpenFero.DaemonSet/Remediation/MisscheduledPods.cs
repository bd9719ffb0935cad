using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>What the runner does with one misscheduled pod, and why.</summary>
public sealed record MisscheduledPodDecision(string Pod, string Node, bool Delete, string Reason);

/// <summary>
/// Which misscheduled pods the runner deletes (<c>Runner:DeleteMisscheduledPods</c>): only those the DaemonSet
/// controller itself deletes — the analysis' <see cref="MisscheduledPod.WillBeDeleted"/>, Kubernetes'
/// <c>shouldContinueRunning</c> false (<c>DaemonPodPlacement</c>): the node no longer matches the template's nodeName,
/// nodeSelector or required node affinity, or has an untolerated NoExecute taint. A pod kept running by Kubernetes
/// (an untolerated NoSchedule taint) is kept; so is one already terminating, and any beyond the update budget
/// (maxUnavailable pods a run).
/// </summary>
public static class MisscheduledPods
{
    public static IReadOnlyList<MisscheduledPodDecision> Decide(DaemonSetReport report, int budget)
    {
        var decisions = new List<MisscheduledPodDecision>();
        foreach (var misplaced in report.Misscheduled)
        {
            var pod = report.Pods.FirstOrDefault(p => p.Name == misplaced.Pod);
            var deleting = decisions.Count(d => d.Delete);
            decisions.Add((pod, misplaced.WillBeDeleted) switch
            {
                (null or { Terminating: true }, _) => Keep(misplaced, "already terminating"),
                (_, false) => Keep(misplaced, $"{misplaced.Detail}: Kubernetes keeps it running (only an untolerated NoExecute taint evicts)"),
                _ when deleting >= budget => Keep(misplaced, $"{misplaced.Detail}: over the budget of {budget} deletion(s) a run (maxUnavailable); the next run deletes it"),
                _ => new(misplaced.Pod, misplaced.Node, true, $"{misplaced.Detail}: the DaemonSet controller deletes it too"),
            });
        }

        return decisions;
    }

    /// <summary>The pods to delete, with the UID the deletion is conditioned on (the one the analysis saw).</summary>
    public static List<PodToDelete> ToDelete(DaemonSetReport report, IEnumerable<MisscheduledPodDecision> decisions) =>
        [.. decisions.Where(d => d.Delete)
            .Select(d => (Decision: d, Pod: report.Pods.First(p => p.Name == d.Pod)))
            .Select(x => new PodToDelete(x.Pod.Name, x.Pod.Uid, x.Decision.Node, x.Pod.Condition, Force: false) { Reason = x.Decision.Reason })];

    /// <summary>The pods kept, in words: "kept cilium-abc on node-3: untolerated taint …".</summary>
    public static string? Kept(IEnumerable<MisscheduledPodDecision> decisions) =>
        decisions.Where(d => !d.Delete).Select(d => $"kept {d.Pod} on {d.Node}: {d.Reason}").ToList() is { Count: > 0 } kept ? string.Join("; ", kept) : null;

    private static MisscheduledPodDecision Keep(MisscheduledPod pod, string reason) => new(pod.Pod, pod.Node, false, reason);
}

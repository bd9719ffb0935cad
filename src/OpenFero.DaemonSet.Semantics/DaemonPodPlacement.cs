using k8s.Models;

namespace OpenFero.DaemonSet.Semantics;

/// <summary>Why a node should not run a DaemonSet's pod.</summary>
public abstract record PlacementRejection(string Rule)
{
    public sealed record NodeName(string Wanted) : PlacementRejection("nodeName");

    public sealed record NodeSelector(string Key) : PlacementRejection("nodeSelector");

    public sealed record NodeAffinity() : PlacementRejection("nodeAffinity");

    public sealed record UntoleratedTaint(V1Taint Taint) : PlacementRejection("taint")
    {
        public string Describe() => string.IsNullOrEmpty(Taint.Value)
            ? $"{Taint.Key}:{Taint.Effect}"
            : $"{Taint.Key}={Taint.Value}:{Taint.Effect}";
    }
}

/// <summary>(shouldRun, shouldContinueRunning) for one node, and the rule that said no.</summary>
public sealed record PlacementDecision(bool ShouldRun, bool ShouldContinueRunning, PlacementRejection? Rejection);

/// <summary>The DaemonSet controller's <c>NodeShouldRunDaemonPod</c>: nodeName, nodeSelector, required node affinity, taints.</summary>
public static class DaemonPodPlacement
{
    public static PlacementDecision Evaluate(V1Node node, V1DaemonSet daemonSet)
    {
        var spec = daemonSet.Spec.Template.Spec;
        var nodeName = node.Metadata?.Name ?? "";
        if (!string.IsNullOrEmpty(spec.NodeName) && spec.NodeName != nodeName)
        {
            return new PlacementDecision(false, false, new PlacementRejection.NodeName(spec.NodeName));
        }

        if (NodeAffinityMatcher.FirstUnmatchedSelectorKey(spec.NodeSelector, node) is { } key)
        {
            return new PlacementDecision(false, false, new PlacementRejection.NodeSelector(key));
        }

        if (!NodeAffinityMatcher.MatchesRequiredTerms(spec.Affinity, node))
        {
            return new PlacementDecision(false, false, new PlacementRejection.NodeAffinity());
        }

        var tolerations = DaemonPodTolerations.WithDefaults(spec);
        var taints = node.Spec?.Taints;
        var untolerated = TolerationMatcher.FindUntoleratedTaint(taints, tolerations, TolerationMatcher.IsNoScheduleOrNoExecute);
        if (untolerated is null)
        {
            return new PlacementDecision(true, true, null);
        }

        // Scheduled daemon pods keep running unless a NoExecute taint is untolerated.
        var noExecute = TolerationMatcher.FindUntoleratedTaint(taints, tolerations, TolerationMatcher.IsNoExecute);
        return new PlacementDecision(false, noExecute is null, new PlacementRejection.UntoleratedTaint(noExecute ?? untolerated));
    }
}

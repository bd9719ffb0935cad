using k8s.Models;

namespace OpenFero.DaemonSet.Semantics;

/// <summary>Kubernetes' toleration rules (<c>core/v1/toleration.go</c>): which toleration tolerates which taint.</summary>
public static class TolerationMatcher
{
    public static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key)
        {
            return false;
        }

        return toleration.OperatorProperty switch
        {
            null or "" or "Equal" => (toleration.Value ?? "") == (taint.Value ?? ""),
            "Exists" => true,
            "Lt" => long.TryParse(taint.Value, out var t) && long.TryParse(toleration.Value, out var v) && t < v,
            "Gt" => long.TryParse(taint.Value, out var tg) && long.TryParse(toleration.Value, out var vg) && tg > vg,
            _ => false,
        };
    }

    /// <summary>The first taint (among those <paramref name="inScope"/> selects) that no toleration tolerates.</summary>
    public static V1Taint? FindUntoleratedTaint(IEnumerable<V1Taint>? taints, IEnumerable<V1Toleration>? tolerations, Func<V1Taint, bool> inScope)
    {
        var tolerationList = tolerations?.ToList() ?? [];
        return taints?.Where(inScope).FirstOrDefault(taint => !tolerationList.Any(t => Tolerates(t, taint)));
    }

    public static bool IsNoScheduleOrNoExecute(V1Taint taint) => taint.Effect is "NoSchedule" or "NoExecute";

    public static bool IsNoExecute(V1Taint taint) => taint.Effect == "NoExecute";
}

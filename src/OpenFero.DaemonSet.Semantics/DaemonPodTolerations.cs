using k8s.Models;

namespace OpenFero.DaemonSet.Semantics;

/// <summary>
/// The tolerations the DaemonSet controller adds to every daemon pod (<c>AddOrUpdateDaemonPodTolerations</c>):
/// all <c>Exists</c>, no tolerationSeconds; network-unavailable only for hostNetwork pods.
/// </summary>
public static class DaemonPodTolerations
{
    public const string NotReady = "node.kubernetes.io/not-ready";
    public const string Unreachable = "node.kubernetes.io/unreachable";
    public const string Unschedulable = "node.kubernetes.io/unschedulable";

    private static readonly (string Key, string Effect)[] Always =
    [
        (NotReady, "NoExecute"),
        (Unreachable, "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        (Unschedulable, "NoSchedule"),
    ];

    /// <summary>The pod's tolerations plus the defaults, each default replacing a user toleration for the same key, effect and operator.</summary>
    public static IReadOnlyList<V1Toleration> WithDefaults(V1PodSpec spec)
    {
        var result = new List<V1Toleration>(spec.Tolerations ?? []);
        var defaults = Always.AsEnumerable();
        if (spec.HostNetwork == true)
        {
            defaults = defaults.Append(("node.kubernetes.io/network-unavailable", "NoSchedule"));
        }

        foreach (var (key, effect) in defaults)
        {
            var added = new V1Toleration { Key = key, OperatorProperty = "Exists", Effect = effect };
            var same = result.FindIndex(t => t.Key == key && t.Effect == effect && t.OperatorProperty == "Exists" && string.IsNullOrEmpty(t.Value));
            if (same >= 0)
            {
                result[same] = added;
            }
            else
            {
                result.Add(added);
            }
        }

        return result;
    }
}

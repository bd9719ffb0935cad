using k8s.Models;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>Best practices for node agents, each finding with what to do about it.</summary>
public static class HealthAnalysis
{
    private static readonly string[] BroadCapabilities = ["ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE"];

    public static IReadOnlyList<HealthFinding> Analyze(V1DaemonSet daemonSet, int desired, IEnumerable<VerdictCause> causes)
    {
        var findings = new List<HealthFinding>();
        var spec = daemonSet.Spec.Template.Spec;
        foreach (var container in spec.Containers ?? [])
        {
            var requests = container.Resources?.Requests;
            var limits = container.Resources?.Limits;
            if (requests is not { Count: > 0 })
            {
                findings.Add(new("no-requests", Severity.Warning, $"container {container.Name} sets no cpu/memory requests",
                    "set requests so the scheduler keeps room for the agent on every node"));
            }

            if (limits is not { Count: > 0 })
            {
                findings.Add(new("no-limits", Severity.Info, $"container {container.Name} sets no limits", "set a memory limit so a leaking agent cannot starve the node"));
            }

            if (container.ReadinessProbe is null)
            {
                findings.Add(new("no-readiness-probe", Severity.Warning, $"container {container.Name} has no readinessProbe",
                    "add a readinessProbe: without one a pod counts as available as soon as it starts, and a broken rollout goes on"));
            }

            if (container.SecurityContext?.Privileged == true)
            {
                findings.Add(new("privileged", Severity.Warning, $"container {container.Name} runs privileged", "grant only the capabilities the agent needs instead of privileged"));
            }

            var added = container.SecurityContext?.Capabilities?.Add?.Where(c => BroadCapabilities.Contains(c)).ToList() ?? [];
            if (added.Count > 0)
            {
                findings.Add(new("broad-capabilities", Severity.Warning, $"container {container.Name} adds {string.Join(", ", added)}", "drop capabilities the agent does not need"));
            }

            foreach (var mount in container.VolumeMounts ?? [])
            {
                var volume = spec.Volumes?.FirstOrDefault(v => v.Name == mount.Name);
                if (volume?.HostPath is not null && mount.ReadOnlyProperty != true)
                {
                    findings.Add(new("hostpath-writable", Severity.Warning, $"container {container.Name} mounts host path {volume.HostPath.Path} read-write",
                        "mount host paths readOnly: true unless the agent must write to the node"));
                }
            }
        }

        var strategy = daemonSet.Spec.UpdateStrategy?.Type ?? "RollingUpdate";
        if (strategy == "OnDelete")
        {
            findings.Add(new("on-delete", Severity.Info, "updateStrategy is OnDelete: a new template reaches a node only when its pod is deleted",
                "use RollingUpdate unless the agent must be replaced by hand (e.g. hostPort clashes during surge)"));
        }
        else if (desired >= 50 && UpdateBudget.Resolve(daemonSet, desired).MaxUnavailable == 1)
        {
            findings.Add(new("slow-rollout", Severity.Info, $"maxUnavailable is 1 on {desired} nodes: one unavailable node stops the whole rollout",
                "set maxUnavailable to a percentage (e.g. 10%) so a few bad nodes do not block the rest"));
        }

        if (string.IsNullOrEmpty(spec.PriorityClassName))
        {
            findings.Add(new("no-priority-class", Severity.Warning, "no priorityClassName: on a full node the agent waits behind equal-priority pods",
                "set priorityClassName: system-node-critical for node-critical agents"));
        }

        findings.AddRange(causes.Distinct().SelectMany(cause => CauseFindings(daemonSet, cause)));
        return findings;
    }

    /// <summary>The code of the finding a cause adds, e.g. <c>cause-resources</c>; null for causes without one.</summary>
    public static string? CauseCode(VerdictCause cause) => cause switch
    {
        VerdictCause.InsufficientResources => "cause-resources",
        VerdictCause.AutoscalerFalseAlarm => "cause-autoscaler",
        VerdictCause.NewRevisionFailing => "cause-broken-revision",
        VerdictCause.UntoleratedTaint => "cause-taint",
        _ => null,
    };

    private static IEnumerable<HealthFinding> CauseFindings(V1DaemonSet daemonSet, VerdictCause cause) => cause switch
    {
        VerdictCause.InsufficientResources => [new(CauseCode(cause)!, Severity.Critical, "a node has no room for the daemon pod",
            "give the DaemonSet priorityClassName system-node-critical (preemption makes room) or free the node; restarting does not help")],
        VerdictCause.AutoscalerFalseAlarm => [new(CauseCode(cause)!, Severity.Info, "pods on nodes the cluster autoscaler is removing count as misscheduled",
            "add the toleration {key: ToBeDeletedByClusterAutoscaler, operator: Exists, effect: NoSchedule} if the agent should run until the node goes")],
        VerdictCause.NewRevisionFailing => [new(CauseCode(cause)!, Severity.Critical, "the new pod template does not run",
            "fix the template, or roll back with kubectl rollout undo daemonset/" + daemonSet.Metadata.Name)],
        VerdictCause.UntoleratedTaint => [new(CauseCode(cause)!, Severity.Info, "a node's taint keeps the agent off it",
            "add a toleration for the taint if the agent must run there")],
        _ => [],
    };
}

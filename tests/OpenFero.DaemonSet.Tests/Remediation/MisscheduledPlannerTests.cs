using k8s.Models;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Tests.Analysis;

namespace OpenFero.DaemonSet.Tests.Remediation;

/// <summary>
/// Misscheduled pods, cause by cause, through the real analysis of plain objects and the pure planner: deleted only
/// with <c>Runner:DeleteMisscheduledPods</c>, and only where the DaemonSet controller itself deletes them.
/// </summary>
public sealed class MisscheduledPlannerTests
{
    private static readonly RemediationPolicy OptedIn = new() { DeleteMisscheduledPods = true };

    public static TheoryData<string, string> DeletedByKubernetesToo { get; } = new()
    {
        { "node lost the nodeSelector's label", "nodeSelector agent does not match the node's labels" },
        { "required node affinity no longer matches", "required node affinity does not match" },
        { "template pins another node", "the template pins node node-9" },
        { "untolerated NoExecute taint", "untolerated taint maintenance=now:NoExecute" },
    };

    [Theory]
    [MemberData(nameof(DeletedByKubernetesToo))]
    public void A_pod_the_controller_would_delete_is_deleted_with_the_opt_in_by_its_uid_then_the_rollout_is_waited_for(string cause, string reason)
    {
        var report = Misplaced(cause);

        var plan = RemediationPlanner.Plan(report, OptedIn);

        Assert.Equal((VerdictCause.Misscheduled, RemediationResult.RolledOut), (plan.Cause, plan.ResultWhenDone));
        var delete = Assert.IsType<RemediationStep.DeletePods>(plan.Steps[0]);
        Assert.IsType<RemediationStep.WaitForRollout>(plan.Steps[^1]);
        Assert.True(delete.Misscheduled);
        var pod = Assert.Single(delete.Pods);
        Assert.Equal(("agent-node-1", "uid-node-1", "node-1", false), (pod.Name, pod.Uid, pod.Node, pod.Force));
        Assert.Equal($"{reason}: the DaemonSet controller deletes it too", pod.Reason);
        Assert.Equal(new MisscheduledPodDecision("agent-node-1", "node-1", true, $"{reason}: the DaemonSet controller deletes it too"), Assert.Single(plan.Misscheduled));
    }

    [Theory]
    [MemberData(nameof(DeletedByKubernetesToo))]
    public void Without_the_opt_in_a_misscheduled_pod_is_only_reported(string cause, string reason)
    {
        var plan = RemediationPlanner.Plan(Misplaced(cause), new RemediationPolicy());

        Assert.Equal((VerdictCause.Misscheduled, RemediationResult.Declined), (plan.Cause, plan.ResultWhenDone));
        Assert.Empty(plan.Steps);
        Assert.Empty(plan.Misscheduled);
        Assert.Contains(reason, plan.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pod_on_a_node_with_an_untolerated_NoSchedule_taint_is_kept_running_as_Kubernetes_keeps_it()
    {
        var plan = RemediationPlanner.Plan(Misplaced("untolerated NoSchedule taint"), OptedIn);

        Assert.Equal((RemediationResult.Declined, 0), (plan.ResultWhenDone, plan.Steps.Count));
        var kept = Assert.Single(plan.Misscheduled);
        Assert.False(kept.Delete);
        Assert.Equal("untolerated taint dedicated=gpu:NoSchedule: Kubernetes keeps it running (only an untolerated NoExecute taint evicts)", kept.Reason);
        Assert.StartsWith("kept agent-node-1 on node-1: untolerated taint dedicated=gpu:NoSchedule", plan.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void No_more_pods_are_deleted_in_a_run_than_maxUnavailable_and_the_others_are_kept_with_the_reason()
    {
        var report = Misplaced("node lost the nodeSelector's label", nodes: 3);

        var plan = RemediationPlanner.Plan(report, OptedIn);

        Assert.Equal(["agent-node-1"], Assert.IsType<RemediationStep.DeletePods>(plan.Steps[0]).Pods.Select(p => p.Name));
        Assert.Equal([true, false, false], plan.Misscheduled.Select(d => d.Delete));
        Assert.All(plan.Misscheduled.Skip(1), d => Assert.EndsWith("over the budget of 1 deletion(s) a run (maxUnavailable); the next run deletes it", d.Reason, StringComparison.Ordinal));
        Assert.Contains("kept agent-node-2 on node-2", plan.Recommendation, StringComparison.Ordinal);
        var paragraph = PlanText.Paragraph(new DaemonSetTarget("default", "agent"), report, plan);
        Assert.Contains("plan: delete agent-node-1 on node-1 (nodeSelector agent does not match the node's labels: the DaemonSet controller deletes it too)", paragraph, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pod_already_terminating_is_left_to_its_deletion()
    {
        var report = Misplaced("node lost the nodeSelector's label", terminating: true);

        var plan = RemediationPlanner.Plan(report, OptedIn);

        Assert.Empty(plan.Steps);
        Assert.Equal("already terminating", Assert.Single(plan.Misscheduled).Reason);
    }

    /// <summary>
    /// Running, Ready daemon pods on <paramref name="nodes"/> nodes that the DaemonSet no longer wants for
    /// <paramref name="cause"/>, analysed as the runner analyses them.
    /// </summary>
    private static DaemonSetReport Misplaced(string cause, int nodes = 1, bool terminating = false)
    {
        var ds = Snapshots.DaemonSet();
        ds.Spec.Template.Spec.Containers[0].Ports = null;
        var template = ds.Spec.Template.Spec;
        var nodeList = Enumerable.Range(1, nodes).Select(i => Node($"node-{i}")).ToList();
        switch (cause)
        {
            case "node lost the nodeSelector's label":
                template.NodeSelector = new Dictionary<string, string> { ["agent"] = "true" };
                break;
            case "required node affinity no longer matches":
                template.Affinity = new V1Affinity
                {
                    NodeAffinity = new V1NodeAffinity
                    {
                        RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                        {
                            NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "pool", OperatorProperty = "In", Values = ["agents"] }] }],
                        },
                    },
                };
                break;
            case "template pins another node":
                template.NodeName = "node-9";
                break;
            case "untolerated NoExecute taint":
                nodeList.ForEach(n => n.Spec.Taints = [new V1Taint { Key = "maintenance", Value = "now", Effect = "NoExecute" }]);
                break;
            case "untolerated NoSchedule taint":
                nodeList.ForEach(n => n.Spec.Taints = [new V1Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(cause), cause, null);
        }

        var pods = nodeList.Select(n => RunningPod(ds, n.Metadata.Name, terminating)).ToList();
        return DaemonSetAnalyzer.Analyze(new DaemonSetSnapshot(ds, pods, nodeList, [], null, null), new AnalysisOptions(), Snapshots.Now);
    }

    private static V1Pod RunningPod(V1DaemonSet ds, string node, bool terminating)
    {
        var pod = Snapshots.PendingDaemonPod(ds, node, "");
        pod.Metadata.Name = $"agent-{node}";
        pod.Metadata.Uid = $"uid-{node}";
        pod.Metadata.DeletionTimestamp = terminating ? Snapshots.Now.UtcDateTime.AddSeconds(-5) : null;
        pod.Spec.NodeName = node;
        pod.Status = new V1PodStatus
        {
            Phase = "Running",
            Conditions = [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = Snapshots.Now.UtcDateTime.AddMinutes(-9) }],
            ContainerStatuses = [new V1ContainerStatus { Name = "agent", Image = "agent:1", ImageID = "agent", Ready = true, State = new V1ContainerState { Running = new V1ContainerStateRunning() } }],
        };
        return pod;
    }

    private static V1Node Node(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string>() },
        Spec = new V1NodeSpec(),
        Status = new V1NodeStatus
        {
            Allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("4"), ["memory"] = new("16Gi") },
            Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }],
        },
    };
}

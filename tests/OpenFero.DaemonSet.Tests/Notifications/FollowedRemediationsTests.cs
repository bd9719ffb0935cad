using k8s.Models;
using OpenFero.DaemonSet.Notifications;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Tests.Notifications;

/// <summary>Which of this program's Events on a DaemonSet are steps of the remediation followed for it, and how a step reads.</summary>
public sealed class FollowedRemediationsTests
{
    private static readonly DaemonSetTarget NodeExporter = new("monitoring", "node-exporter");
    private static readonly DateTime Created = new(2026, 11, 22, 23, 40, 0, DateTimeKind.Utc);

    [Fact]
    public void Events_on_the_DaemonSet_after_the_Job_was_created_are_its_steps_in_order_each_once()
    {
        var followed = Following();

        var first = followed.Saw(EventOn(NodeExporter, "a", "RemediationPlanned", "delete 1 stuck pod", Created.AddSeconds(5)), Notices.At);
        var again = followed.Saw(EventOn(NodeExporter, "a", "RemediationPlanned", "delete 1 stuck pod", Created.AddSeconds(5)), Notices.At);
        var second = followed.Saw(EventOn(NodeExporter, "b", "StuckPodDeleted", "deleted pod node-exporter-abcde on worker-2", Created.AddSeconds(6)), Notices.At);

        Assert.NotNull(first);
        Assert.Null(again);
        Assert.Equal(NoticeEvent.Step, second!.Event);
        Assert.Equal(["23:40:05 RemediationPlanned: delete 1 stuck pod", "23:40:06 StuckPodDeleted: deleted pod node-exporter-abcde on worker-2"], second.Steps);
        Assert.Equal(("openfero", "kube-daemonset-rollout-stuck-0123456789"), (second.JobNamespace, second.Job));
    }

    [Fact]
    public void Events_before_the_Job_on_another_DaemonSet_or_told_otherwise_are_not_steps()
    {
        var followed = Following();

        Assert.Null(followed.Saw(EventOn(NodeExporter, "old", "RemediationRolledOut", "the last run", Created.AddSeconds(-30)), Notices.At));
        Assert.Null(followed.Saw(EventOn(new DaemonSetTarget("monitoring", "fluent-bit"), "other", "StuckPodDeleted", "elsewhere", Created.AddSeconds(5)), Notices.At));
        Assert.Null(followed.Saw(EventOn(NodeExporter, "start", "RemediationStarted", "started Job", Created.AddSeconds(1)), Notices.At));
        Assert.Null(followed.Saw(EventOn(NodeExporter, "verdict", "Analyzed", "the verdict", Created.AddSeconds(2)), Notices.At));
    }

    [Fact]
    public void The_verdict_joins_later_steps_and_forgetting_answers_every_step_then_stops_following()
    {
        var followed = Following();
        followed.Saw(EventOn(NodeExporter, "a", "RemediationPlanned", "delete 1 stuck pod", Created.AddSeconds(5)), Notices.At);

        var analyzed = followed.Told(Notices.Started() with { Event = NoticeEvent.Analyzed, Verdict = "stuck terminating pod" });
        var step = followed.Saw(EventOn(NodeExporter, "b", "RolloutComplete", "rolled out", Created.AddSeconds(9)), Notices.At);
        var steps = followed.Forget("openfero", "kube-daemonset-rollout-stuck-0123456789");

        Assert.Single(analyzed.Steps!);
        Assert.Equal("stuck terminating pod", step!.Verdict);
        Assert.Equal(2, steps.Count);
        Assert.Equal(0, followed.Count);
        Assert.Null(followed.Saw(EventOn(NodeExporter, "c", "RemediationRolledOut", "done", Created.AddSeconds(10)), Notices.At));
    }

    [Fact]
    public void A_new_Job_for_the_same_DaemonSet_replaces_the_last()
    {
        var followed = Following();

        followed.Follow(NodeExporter, Notices.Started(job: "kube-daemonset-rollout-stuck-9999999999"), Created.AddMinutes(20));
        var step = followed.Saw(EventOn(NodeExporter, "a", "RemediationPlanned", "again", Created.AddMinutes(21)), Notices.At);

        Assert.Equal((1, "kube-daemonset-rollout-stuck-9999999999"), (followed.Count, step!.Job));
    }

    private static FollowedRemediations Following()
    {
        var followed = new FollowedRemediations();
        followed.Follow(NodeExporter, Notices.Started(), Created);
        return followed;
    }

    private static Corev1Event EventOn(DaemonSetTarget target, string uid, string reason, string message, DateTime created) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{target.Name}.{uid}", NamespaceProperty = target.Namespace, Uid = uid, CreationTimestamp = created },
        InvolvedObject = new V1ObjectReference { Kind = "DaemonSet", Name = target.Name, NamespaceProperty = target.Namespace },
        Reason = reason,
        Message = message,
    };
}

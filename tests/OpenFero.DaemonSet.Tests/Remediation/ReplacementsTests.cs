using k8s.Models;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Tests.Analysis;

namespace OpenFero.DaemonSet.Tests.Remediation;

/// <summary>When a deleted pod counts as replaced: a new pod of the DaemonSet on its node, of the current revision, available.</summary>
public sealed class ReplacementsTests
{
    private static readonly HashSet<string> Deleted = new(StringComparer.Ordinal) { "old-uid" };

    [Fact]
    public void An_available_pod_of_the_current_revision_replaces_the_deleted_one()
    {
        var ds = Snapshots.DaemonSet();

        var state = Replacements.Judge(ds, "new", [Pod(ds, "new-uid", "new", readySeconds: 5)], ["node-1"], Deleted, Snapshots.Now);

        Assert.Empty(state.Missing);
    }

    [Fact]
    public void The_deleted_pod_itself_an_old_revision_or_a_pod_not_ready_does_not_count()
    {
        var ds = Snapshots.DaemonSet();
        var pods = new[] { Pod(ds, "old-uid", "new", readySeconds: 5), Pod(ds, "other-uid", "old", readySeconds: 5), Pod(ds, "starting-uid", "new", readySeconds: null) };

        var state = Replacements.Judge(ds, "new", pods, ["node-1"], Deleted, Snapshots.Now);

        Assert.Equal(["node-1"], state.Missing);
        Assert.Null(state.RecheckAt);
    }

    [Fact]
    public void A_pod_ready_for_less_than_minReadySeconds_is_looked_at_again_when_it_will_be_available()
    {
        var ds = Snapshots.DaemonSet();
        ds.Spec.MinReadySeconds = 30;

        var state = Replacements.Judge(ds, "new", [Pod(ds, "new-uid", "new", readySeconds: 10)], ["node-1"], Deleted, Snapshots.Now);

        Assert.Equal(["node-1"], state.Missing);
        Assert.Equal(Snapshots.Now.AddSeconds(20), state.RecheckAt);
    }

    [Fact]
    public void Under_OnDelete_any_new_pod_of_the_daemonset_counts()
    {
        var ds = Snapshots.DaemonSet();
        ds.Spec.UpdateStrategy = new V1DaemonSetUpdateStrategy { Type = "OnDelete" };

        var state = Replacements.Judge(ds, "new", [Pod(ds, "new-uid", "old", readySeconds: 5)], ["node-1"], Deleted, Snapshots.Now);

        Assert.Empty(state.Missing);
    }

    private static V1Pod Pod(V1DaemonSet ds, string uid, string revision, int? readySeconds) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "agent-" + uid,
            Uid = uid,
            Labels = new Dictionary<string, string> { ["controller-revision-hash"] = revision },
            OwnerReferences = [new V1OwnerReference { Uid = ds.Metadata.Uid, Controller = true, Kind = "DaemonSet", Name = "agent", ApiVersion = "apps/v1" }],
        },
        Spec = new V1PodSpec { NodeName = "node-1", Containers = [] },
        Status = new V1PodStatus
        {
            Phase = "Running",
            Conditions = readySeconds is { } seconds
                ? [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = Snapshots.Now.UtcDateTime.AddSeconds(-seconds) }]
                : [new V1PodCondition { Type = "Ready", Status = "False" }],
        },
    };
}

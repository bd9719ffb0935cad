namespace OpenFero.DaemonSet.Tests.Notifications;

/// <summary>The commands a message suggests, from the outcome and the verdict.</summary>
public sealed class NextCommandRulesTests
{
    [Fact]
    public void A_start_suggests_following_the_Job() =>
        Assert.Equal(["kubectl logs -f job/kube-daemonset-rollout-stuck-0123456789 -n openfero"], Notices.Started().NextCommands);

    [Fact]
    public void A_rollout_that_did_not_recover_with_a_broken_new_revision_suggests_undoing_it_once_and_the_node_to_look_at()
    {
        var notice = Notices.Ended("notRolledOut", verdict: "new revision cannot pull its image on 1/3 updated pods (worker-2)");

        Assert.Equal(["kubectl rollout undo daemonset/node-exporter -n monitoring", "kubectl rollout status daemonset/node-exporter -n monitoring"], notice.NextCommands);
    }

    [Theory]
    [InlineData("worker-3 is NotReady: its daemon pod cannot run", "kubectl describe node worker-3")]
    [InlineData("node-exporter pod on worker-1 Pending: Insufficient cpu", "kubectl describe node worker-1")]
    [InlineData("pod on edge-7 misscheduled: node selector (kept running: only NoExecute taints evict)", "kubectl describe node edge-7")]
    public void A_verdict_that_names_a_node_suggests_describing_it(string verdict, string command) =>
        Assert.Contains(command, Notices.Ended("declined", verdict).NextCommands);

    [Fact]
    public void A_run_that_erred_suggests_its_logs_and_its_Job() =>
        Assert.Equal(
            ["kubectl logs job/kube-daemonset-rollout-stuck-0123456789 -n openfero", "kubectl describe job kube-daemonset-rollout-stuck-0123456789 -n openfero"],
            Notices.Ended("error", verdict: null).NextCommands);

    [Fact]
    public void A_rolled_out_remediation_suggests_checking_its_rollout_and_no_undo() =>
        Assert.Equal(["kubectl rollout status daemonset/node-exporter -n monitoring"], Notices.Ended("rolledOut").NextCommands);
}

using OpenFero.DaemonSet.Dispatch;
using static OpenFero.DaemonSet.Tests.Dispatch.LeaseDecisionTests;

namespace OpenFero.DaemonSet.Tests.Dispatch;

/// <summary>A cooldown follows only a remediation that changed the cluster; the alert instance stays remembered either way.</summary>
public sealed class UnchangedClusterCooldownTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly LeaseRules Rules = new(Cooldown: TimeSpan.FromMinutes(10), StartGrace: TimeSpan.FromMinutes(2), Retention: TimeSpan.FromHours(24));

    [Fact]
    public void A_job_that_did_not_change_the_cluster_lets_the_next_alert_proceed_at_once_and_still_deduplicates_its_own()
    {
        var lease = Recorded("job-a", Now.AddMinutes(-1)).WithoutCooldownOf("job-a", Now.AddMinutes(-1))!;
        var finished = Jobs(("job-a", JobPresence.Finished));

        Assert.Null(lease.Holder);
        Assert.IsType<LeaseDecision.Proceed>(LeaseDecision.Decide(lease, "job-b", Now, finished, Rules));
        Assert.IsType<LeaseDecision.AlreadyRemediated>(LeaseDecision.Decide(lease, "job-a", Now, Jobs(), Rules));
    }

    [Fact]
    public void An_earlier_job_that_changed_the_cluster_keeps_its_cooldown()
    {
        var lease = new LeaseState("job-b", Now.AddMinutes(-1), Rules.Cooldown, [new("job-b", Now.AddMinutes(-1)), new("job-a", Now.AddMinutes(-5))])
            .WithoutCooldownOf("job-b", Now.AddMinutes(-1))!;

        Assert.Equal(new LeaseDecision.BlockedByCooldown("job-a", Now.AddMinutes(5)), LeaseDecision.Decide(lease, "job-c", Now, Jobs(), Rules));
    }

    [Fact]
    public void A_job_the_lease_did_not_list_yet_is_listed_without_a_cooldown()
    {
        var lease = new LeaseState("job-a", Now.AddMinutes(-1), Rules.Cooldown, []).WithoutCooldownOf("job-a", Now.AddMinutes(-2))!;

        Assert.Equal([new RemediatedJob("job-a", Now.AddMinutes(-1), ChangedTheCluster: false)], lease.Remediated);
    }

    [Fact]
    public void Ending_a_cooldown_twice_changes_nothing_the_second_time_and_another_holder_is_kept()
    {
        var once = new LeaseState("job-b", Now, Rules.Cooldown, [new("job-a", Now.AddMinutes(-1))]).WithoutCooldownOf("job-a", Now.AddMinutes(-1))!;

        Assert.Equal("job-b", once.Holder);
        Assert.Null(once.WithoutCooldownOf("job-a", Now.AddMinutes(-1)));
    }

    [Fact]
    public void The_unchanged_mark_survives_the_annotation_and_an_old_entry_reads_as_changed()
    {
        var written = LeaseState.Format([new("job-b", Now, ChangedTheCluster: false), new("job-a", Now.AddHours(-1))]);

        Assert.Equal("job-b=2026-12-02T12:00:00Z;unchanged,job-a=2026-12-02T11:00:00Z", written);
        Assert.Equal([new RemediatedJob("job-b", Now, false), new RemediatedJob("job-a", Now.AddHours(-1))], LeaseState.Parse(written));
    }
}

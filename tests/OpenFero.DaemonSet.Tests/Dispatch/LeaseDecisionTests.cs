using OpenFero.DaemonSet.Dispatch;

namespace OpenFero.DaemonSet.Tests.Dispatch;

public sealed class LeaseDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly LeaseRules Rules = new(Cooldown: TimeSpan.FromMinutes(10), StartGrace: TimeSpan.FromMinutes(2), Retention: TimeSpan.FromHours(24));

    [Fact]
    public void No_lease_proceeds()
    {
        Assert.IsType<LeaseDecision.Proceed>(LeaseDecision.Decide(null, "job-b", Now, Jobs(), Rules));
    }

    [Fact]
    public void The_holder_whose_job_is_gone_is_already_remediated_after_the_cooldown_too()
    {
        var lease = Recorded("job-a", Now.AddHours(-1));

        Assert.Equal(new LeaseDecision.AlreadyRemediated("job-a", Now.AddHours(-1)), LeaseDecision.Decide(lease, "job-a", Now, Jobs(), Rules));
    }

    [Fact]
    public void An_earlier_remediation_is_remembered_while_its_job_exists_even_past_the_retention()
    {
        var lease = Recorded("job-b", Now.AddHours(-1)) with { Remediated = [new("job-b", Now.AddHours(-1)), new("job-a", Now.AddDays(-3))] };

        Assert.IsType<LeaseDecision.AlreadyRemediated>(LeaseDecision.Decide(lease, "job-a", Now, Jobs(("job-a", JobPresence.Finished)), Rules));
    }

    [Fact]
    public void A_remediation_past_the_retention_whose_job_is_gone_is_forgotten()
    {
        var lease = Recorded("job-a", Now.AddDays(-2));

        Assert.IsType<LeaseDecision.Proceed>(LeaseDecision.Decide(lease, "job-a", Now, Jobs(), Rules));
    }

    [Fact]
    public void A_running_job_blocks_another_alert_whatever_the_cooldown()
    {
        var lease = Recorded("job-a", Now.AddHours(-3));

        Assert.Equal(new LeaseDecision.BlockedByRunningJob("job-a"), LeaseDecision.Decide(lease, "job-b", Now, Jobs(("job-a", JobPresence.Running)), Rules));
    }

    [Fact]
    public void A_finished_job_blocks_another_alert_until_its_cooldown_ends()
    {
        var lease = Recorded("job-a", Now.AddMinutes(-5));

        Assert.Equal(new LeaseDecision.BlockedByCooldown("job-a", Now.AddMinutes(5)), LeaseDecision.Decide(lease, "job-b", Now, Jobs(("job-a", JobPresence.Finished)), Rules));
        Assert.IsType<LeaseDecision.Proceed>(LeaseDecision.Decide(lease, "job-b", Now.AddMinutes(6), Jobs(("job-a", JobPresence.Finished)), Rules));
    }

    [Fact]
    public void A_gone_job_still_counts_for_the_cooldown()
    {
        var lease = Recorded("job-a", Now.AddMinutes(-5));

        Assert.IsType<LeaseDecision.BlockedByCooldown>(LeaseDecision.Decide(lease, "job-b", Now, Jobs(), Rules));
    }

    [Fact]
    public void A_tentative_holder_blocks_others_during_the_start_grace_only()
    {
        var lease = new LeaseState("job-a", Now.AddSeconds(-30), Rules.Cooldown, []);

        Assert.Equal(new LeaseDecision.BlockedByStart("job-a", Now.AddSeconds(-30)), LeaseDecision.Decide(lease, "job-b", Now, Jobs(), Rules));
        Assert.IsType<LeaseDecision.Proceed>(LeaseDecision.Decide(lease, "job-b", Now.AddMinutes(3), Jobs(), Rules));
    }

    [Fact]
    public void A_tentative_holder_whose_job_exists_counts_as_remediated()
    {
        var lease = new LeaseState("job-a", Now.AddMinutes(-5), Rules.Cooldown, []);

        Assert.IsType<LeaseDecision.BlockedByCooldown>(LeaseDecision.Decide(lease, "job-b", Now, Jobs(("job-a", JobPresence.Finished)), Rules));
        Assert.IsType<LeaseDecision.AlreadyRemediated>(LeaseDecision.Decide(lease, "job-a", Now, Jobs(("job-a", JobPresence.Finished)), Rules));
    }

    [Fact]
    public void A_tentative_holder_with_no_job_may_try_again_and_others_meet_only_the_earlier_cooldown()
    {
        var lease = new LeaseState("job-b", Now.AddMinutes(-30), Rules.Cooldown, [new("job-a", Now.AddHours(-1))]);

        Assert.IsType<LeaseDecision.Proceed>(LeaseDecision.Decide(lease, "job-b", Now, Jobs(), Rules));
        Assert.IsType<LeaseDecision.Proceed>(LeaseDecision.Decide(lease, "job-c", Now, Jobs(), Rules));
    }

    [Fact]
    public void The_holders_own_retry_within_the_start_grace_proceeds_so_the_job_name_decides()
    {
        var lease = new LeaseState("job-a", Now.AddSeconds(-1), Rules.Cooldown, [new("job-x", Now.AddHours(-1))]);

        Assert.IsType<LeaseDecision.Proceed>(LeaseDecision.Decide(lease, "job-a", Now, Jobs(), Rules));
    }

    [Fact]
    public void A_created_job_is_recorded_from_its_take_once()
    {
        var taken = new LeaseState("job-b", Now.AddSeconds(-3), Rules.Cooldown, [new("job-a", Now.AddHours(-1))]);

        Assert.Equal(
            [new RemediatedJob("job-b", Now), new RemediatedJob("job-b", Now.AddSeconds(-3)), new RemediatedJob("job-c", Now), null],
            new[]
            {
                LeaseDecision.ToRecord(null, "job-b", Now),
                LeaseDecision.ToRecord(taken, "job-b", Now),
                LeaseDecision.ToRecord(taken, "job-c", Now),
                LeaseDecision.ToRecord(taken, "job-a", Now),
            });
    }

    internal static LeaseState Recorded(string job, DateTimeOffset started) => new(job, started, Rules.Cooldown, [new RemediatedJob(job, started)]);

    internal static Func<string, JobPresence> Jobs(params (string Job, JobPresence Presence)[] known) =>
        job => known.FirstOrDefault(k => k.Job == job) is { Job: not null } found ? found.Presence : JobPresence.Absent;
}

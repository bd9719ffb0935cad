using OpenFero.DaemonSet.Dispatch;
using static OpenFero.DaemonSet.Tests.Dispatch.LeaseDecisionTests;

namespace OpenFero.DaemonSet.Tests.Ladder;

/// <summary>
/// The cooldown doubles after each remediation in a row that acted and did not roll out, up to the longest
/// cooldown, and a remediation that rolled out resets it.
/// </summary>
public sealed class CooldownDoublingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly LeaseRules Rules = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(2), TimeSpan.FromHours(24), MaxCooldown: TimeSpan.FromMinutes(60));

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 20)]
    [InlineData(2, 40)]
    [InlineData(3, 60)]
    [InlineData(30, 60)]
    public void The_cooldown_after_n_remediations_that_did_not_roll_out_is_the_base_times_two_to_the_n_capped(int notRolledOut, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Rules.CooldownAfter(notRolledOut));

    [Fact]
    public void A_longest_cooldown_below_the_base_keeps_the_base() =>
        Assert.Equal(TimeSpan.FromMinutes(10), (Rules with { MaxCooldown = TimeSpan.FromMinutes(1) }).CooldownAfter(3));

    [Fact]
    public void Two_remediations_in_a_row_that_did_not_roll_out_hold_the_next_alert_four_times_the_base()
    {
        var lease = new LeaseState(null, Now.AddMinutes(-30), Rules.Cooldown,
            [new("job-b", Now.AddMinutes(-30), DidNotRollOut: true), new("job-a", Now.AddMinutes(-90), DidNotRollOut: true)]);

        Assert.Equal(new LeaseDecision.BlockedByCooldown("job-b", Now.AddMinutes(10), 2), LeaseDecision.Decide(lease, "job-c", Now, Jobs(), Rules));
        Assert.IsType<LeaseDecision.Proceed>(LeaseDecision.Decide(lease, "job-c", Now.AddMinutes(11), Jobs(), Rules));
    }

    [Fact]
    public void A_remediation_that_rolled_out_resets_the_doubling()
    {
        var lease = new LeaseState(null, Now.AddMinutes(-15), Rules.Cooldown,
            [new("job-c", Now.AddMinutes(-15)), new("job-b", Now.AddMinutes(-60), DidNotRollOut: true), new("job-a", Now.AddMinutes(-120), DidNotRollOut: true)]);

        Assert.IsType<LeaseDecision.Proceed>(LeaseDecision.Decide(lease, "job-d", Now, Jobs(), Rules));
    }

    [Fact]
    public void Remediations_that_changed_nothing_neither_double_nor_reset_it()
    {
        var lease = new LeaseState(null, Now.AddMinutes(-5), Rules.Cooldown,
            [new("job-c", Now.AddMinutes(-5), ChangedTheCluster: false), new("job-b", Now.AddMinutes(-15), DidNotRollOut: true)]);

        Assert.Equal(new LeaseDecision.BlockedByCooldown("job-b", Now.AddMinutes(5), 1), LeaseDecision.Decide(lease, "job-d", Now, Jobs(), Rules));
    }

    [Fact]
    public void The_not_rolled_out_mark_survives_the_annotation_and_marking_twice_changes_nothing()
    {
        var lease = new LeaseState("job-a", Now, Rules.Cooldown, [new("job-a", Now)]).WithNotRolledOut("job-a", Now)!;
        var written = LeaseState.Format(lease.Remediated);

        Assert.Equal("job-a=2026-12-02T12:00:00Z;notRolledOut", written);
        Assert.Equal([new RemediatedJob("job-a", Now, DidNotRollOut: true)], LeaseState.Parse(written));
        Assert.Null(lease.WithNotRolledOut("job-a", Now));
    }
}

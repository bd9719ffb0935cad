using k8s.Models;
using OpenFero.DaemonSet.Dispatch;

namespace OpenFero.DaemonSet.Tests.Dispatch;

public sealed class LeaseRetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly LeaseRules Collecting = new(Cooldown: TimeSpan.Zero, StartGrace: TimeSpan.FromMinutes(2), Retention: TimeSpan.FromHours(4));

    [Fact]
    public void A_lease_whose_jobs_are_gone_and_past_retention_and_cooldown_may_go()
    {
        var lease = LeaseDecisionTests.Recorded("job-a", Now.AddHours(-5));

        Assert.True(LeaseRetention.MayDelete(lease, Now, LeaseDecisionTests.Jobs(), Collecting));
    }

    [Fact]
    public void A_lease_stays_while_a_job_it_started_exists()
    {
        var lease = LeaseDecisionTests.Recorded("job-a", Now.AddDays(-5));

        Assert.False(LeaseRetention.MayDelete(lease, Now, LeaseDecisionTests.Jobs(("job-a", JobPresence.Running)), Collecting));
        Assert.False(LeaseRetention.MayDelete(lease, Now, LeaseDecisionTests.Jobs(("job-a", JobPresence.Finished)), Collecting));
    }

    [Fact]
    public void A_lease_stays_within_the_retention_and_within_a_cooldown_longer_than_it()
    {
        Assert.False(LeaseRetention.MayDelete(LeaseDecisionTests.Recorded("job-a", Now.AddHours(-3)), Now, LeaseDecisionTests.Jobs(), Collecting));
        var longCooldown = LeaseDecisionTests.Recorded("job-a", Now.AddHours(-5)) with { Cooldown = TimeSpan.FromHours(6) };
        Assert.False(LeaseRetention.MayDelete(longCooldown, Now, LeaseDecisionTests.Jobs(), Collecting));
    }

    [Fact]
    public void A_lease_taken_moments_ago_stays_even_with_no_retention()
    {
        var lease = new LeaseState("job-a", Now.AddSeconds(-10), TimeSpan.Zero, []);

        Assert.False(LeaseRetention.MayDelete(lease, Now, LeaseDecisionTests.Jobs(), Collecting with { Retention = TimeSpan.Zero }));
    }

    [Fact]
    public void Records_written_back_drop_gone_jobs_past_retention_keep_existing_ones_and_are_bounded()
    {
        var old = Enumerable.Range(0, 100).Select(i => new RemediatedJob($"job-{i}", Now.AddMinutes(-i))).ToList();
        var lease = new LeaseState("job-0", Now, TimeSpan.Zero, [.. old, new("job-gone", Now.AddDays(-2)), new("job-kept", Now.AddDays(-2))]);

        var remembered = LeaseRetention.Remembered(lease, Now, LeaseDecisionTests.Jobs(("job-kept", JobPresence.Finished)), Collecting with { Retention = TimeSpan.FromDays(1) });

        Assert.Equal(LeaseState.MaxRemembered, remembered.Count);
        Assert.Equal("job-0", remembered[0].Job);
        Assert.DoesNotContain(remembered, r => r.Job == "job-gone");
    }

    [Fact]
    public void The_remediated_annotation_reads_back_what_was_written_and_ignores_what_it_cannot_read()
    {
        var written = LeaseState.Format([new("job-a", Now.AddHours(-1)), new("job-b", Now)]);
        var lease = new V1Lease
        {
            Metadata = new V1ObjectMeta { Annotations = new Dictionary<string, string> { [JobLabels.RemediatedAnnotation] = written + ",garbage,=x,job-c=not-a-time" } },
            Spec = new V1LeaseSpec { HolderIdentity = "job-b", AcquireTime = Now.UtcDateTime, LeaseDurationSeconds = 600 },
        };

        var state = LeaseState.From(lease);

        Assert.Equal("job-b=2026-12-02T12:00:00Z,job-a=2026-12-02T11:00:00Z", written);
        Assert.Equal([new RemediatedJob("job-b", Now), new RemediatedJob("job-a", Now.AddHours(-1))], state.Remediated);
        Assert.Equal(new LeaseState("job-b", Now, TimeSpan.FromMinutes(10), state.Remediated), state);
    }
}

using System.Globalization;
using k8s.Models;
using OpenFero.DaemonSet.Dispatch;

namespace OpenFero.DaemonSet.Tests.FollowUps;

public sealed class FollowUpDecisionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T15:00:00Z", CultureInfo.InvariantCulture);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_new_job_with_a_target_is_due_to_be_started_and_analyzed()
    {
        Assert.Equal([FollowUpStep.Started, FollowUpStep.Analyzed], FollowUpSteps.Pending(Job(done: "")));
    }

    [Fact]
    public void A_finished_job_without_its_marks_is_due_every_step_in_order()
    {
        Assert.Equal([FollowUpStep.Started, FollowUpStep.Analyzed, FollowUpStep.Finished], FollowUpSteps.Pending(Job(done: "", finished: true)));
    }

    [Fact]
    public void Recorded_steps_are_not_due_again()
    {
        Assert.Equal([FollowUpStep.Finished], FollowUpSteps.Pending(Job(done: "started,analyzed", finished: true)));
        Assert.Empty(FollowUpSteps.Pending(Job(done: "started,analyzed,finished", finished: true)));
    }

    [Fact]
    public void A_job_without_a_target_is_never_analyzed()
    {
        Assert.Equal([FollowUpStep.Started], FollowUpSteps.Pending(Job(done: "", target: false)));
    }

    [Fact]
    public void A_job_from_before_the_follow_ups_were_recorded_is_left_alone()
    {
        Assert.Empty(FollowUpSteps.Pending(Job(done: null, finished: true)));
    }

    [Fact]
    public void An_unclaimed_job_is_claimed_and_a_fresh_claim_of_another_replica_is_waited_for()
    {
        Assert.IsType<FollowUpDecision.Claim>(FollowUpDecision.For(Job(done: ""), "me", holding: false, Now, Timeout));
        var wait = Assert.IsType<FollowUpDecision.Wait>(FollowUpDecision.For(Job(done: "", claim: "other 2026-12-02T14:58:00Z"), "me", holding: false, Now, Timeout));
        Assert.Equal("other", wait.HeldBy.Holder);
    }

    [Fact]
    public void An_expired_claim_is_taken_over()
    {
        var claim = Assert.IsType<FollowUpDecision.Claim>(FollowUpDecision.For(Job(done: "started", claim: "other 2026-12-02T14:55:00Z"), "me", holding: false, Now, Timeout));

        Assert.Equal("other", claim.Expired?.Holder);
        Assert.Equal([FollowUpStep.Analyzed], claim.Steps);
    }

    [Fact]
    public void Its_own_claim_is_continued_while_held_and_otherwise_read_as_an_older_copy()
    {
        var job = Job(done: "started", claim: "me 2026-12-02T14:59:00Z");

        Assert.IsType<FollowUpDecision.Continue>(FollowUpDecision.For(job, "me", holding: true, Now, Timeout));
        Assert.IsType<FollowUpDecision.Nothing>(FollowUpDecision.For(job, "me", holding: false, Now, Timeout));
    }

    [Fact]
    public void A_claim_reads_back_as_written()
    {
        var claim = new FollowUpClaim("node-a-1f2e3d4c", Now);
        var job = Job(done: "", claim: FollowUpSteps.Format(claim));

        Assert.Equal(claim, FollowUpSteps.Claim(job));
        Assert.Equal("started,analyzed,finished", FollowUpSteps.Format([FollowUpStep.Finished, FollowUpStep.Started, FollowUpStep.Analyzed, FollowUpStep.Started]));
    }

    private static V1Job Job(string? done, bool finished = false, bool target = true, string? claim = null)
    {
        var annotations = new Dictionary<string, string> { [RemediationJobFacts.OperariusAnnotation] = "openfero-daemonset-remediate" };
        if (done is not null)
        {
            annotations[FollowUpSteps.DoneAnnotation] = done;
        }

        if (target)
        {
            annotations[RemediationJobFacts.TargetAnnotation] = "monitoring/node-exporter";
        }

        if (claim is not null)
        {
            annotations[FollowUpSteps.ClaimAnnotation] = claim;
        }

        return new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "openfero-daemonset-remediate-0123456789", NamespaceProperty = "openfero", Annotations = annotations },
            Status = finished ? new V1JobStatus { Conditions = [new V1JobCondition { Type = "Complete", Status = "True" }] } : new V1JobStatus { Active = 1 },
        };
    }
}

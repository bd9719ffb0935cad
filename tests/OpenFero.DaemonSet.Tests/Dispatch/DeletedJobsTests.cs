using k8s.Models;
using OpenFero.DaemonSet.Approval;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.Tests.Dispatch;

/// <summary>Which outcome a Job gets when it is deleted before one was recorded.</summary>
public sealed class DeletedJobsTests
{
    [Fact]
    public void A_job_that_waited_for_approval_was_declined()
    {
        var (outcome, reason) = DeletedJobs.OutcomeOf(Job(suspended: true, plan: "delete node-exporter-abcde"))!.Value;

        Assert.Equal((RemediationResult.Declined, OutcomeEvent.ApprovalDeclined), (outcome.Result, reason));
        Assert.Equal("declined: Job remediate-1 was deleted before anyone approved it; nothing done", outcome.Message);
    }

    [Fact]
    public void A_job_deleted_while_it_ran_ended_in_an_error()
    {
        var (outcome, reason) = DeletedJobs.OutcomeOf(Job(status: new V1JobStatus { Active = 1 }))!.Value;

        Assert.Equal((RemediationResult.Error, OutcomeEvent.JobDeleted), (outcome.Result, reason));
    }

    [Theory]
    [InlineData("started,analyzed,finished", null)]
    [InlineData("started,analyzed", "rolledOut")]
    [InlineData("", "expired")]
    public void A_job_whose_end_was_recorded_gets_nothing_more(string done, string? recordedOutcome)
    {
        var job = Job(suspended: recordedOutcome == "expired", plan: recordedOutcome == "expired" ? "delete" : null, done: done);
        if (recordedOutcome is not null)
        {
            job.Metadata.Annotations[RemediationResults.OutcomeAnnotation] = recordedOutcome;
        }

        Assert.Null(DeletedJobs.OutcomeOf(job));
    }

    [Fact]
    public void A_job_that_ended_before_its_outcome_was_read_or_that_is_not_tracked_gets_nothing()
    {
        var succeeded = Job(status: new V1JobStatus { Conditions = [new V1JobCondition { Type = "Complete", Status = "True" }] });
        var untracked = Job();
        untracked.Metadata.Annotations.Remove(FollowUpSteps.DoneAnnotation);

        Assert.Null(DeletedJobs.OutcomeOf(succeeded));
        Assert.Null(DeletedJobs.OutcomeOf(untracked));
    }

    private static V1Job Job(bool suspended = false, string? plan = null, string done = "started", V1JobStatus? status = null)
    {
        var annotations = new Dictionary<string, string> { [FollowUpSteps.DoneAnnotation] = done };
        if (plan is not null)
        {
            annotations[ApprovalRequests.PlanAnnotation] = plan;
        }

        return new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "remediate-1", NamespaceProperty = "openfero", Annotations = annotations },
            Spec = new V1JobSpec { Suspend = suspended },
            Status = status ?? new V1JobStatus(),
        };
    }
}

using k8s.Models;
using OpenFero.DaemonSet.Dispatch;

namespace OpenFero.DaemonSet.Tests.Dispatch;

/// <summary>A Job's state from its status, and what the Lease decisions and the follow-ups make of it.</summary>
public sealed class JobStateTests
{
    [Theory]
    [InlineData(null, null, 0, JobState.Pending, false)]
    [InlineData(null, null, 1, JobState.Running, false)]
    [InlineData("Complete", "True", 0, JobState.Succeeded, true)]
    [InlineData("Failed", "True", 0, JobState.Failed, true)]
    [InlineData("Complete", "False", 1, JobState.Running, false)]
    [InlineData("Failed", "False", 0, JobState.Pending, false)]
    [InlineData("Suspended", "True", 0, JobState.Pending, false)]
    public void The_conditions_decide_then_an_active_pod(string? condition, string? status, int active, JobState expected, bool finished)
    {
        var job = Job(condition, status, active);

        Assert.Equal((expected, finished), (JobStates.Of(job), JobStates.Of(job).IsFinished()));
    }

    [Fact]
    public void A_job_that_completed_is_succeeded_even_if_it_still_counts_an_active_pod()
    {
        Assert.Equal(JobState.Succeeded, JobStates.Of(Job("Complete", "True", active: 1)));
    }

    [Fact]
    public void A_job_without_status_is_pending()
    {
        Assert.Equal(JobState.Pending, JobStates.Of(new V1Job { Metadata = new V1ObjectMeta { Name = "fix" } }));
    }

    [Fact]
    public void The_lease_sees_a_job_absent_running_or_finished()
    {
        Assert.Equal(
            [JobPresence.Absent, JobPresence.Running, JobPresence.Running, JobPresence.Finished, JobPresence.Finished],
            new[] { null, Job(null, null, 0), Job(null, null, 1), Job("Complete", "True", 0), Job("Failed", "True", 0) }.Select(JobStates.Presence));
    }

    [Fact]
    public void The_follow_ups_read_the_state_with_the_rest_of_the_facts()
    {
        Assert.Equal(JobState.Failed, RemediationJobFacts.Of(Job("Failed", "True", 0)).State);
    }

    private static V1Job Job(string? condition, string? status, int active) => new()
    {
        Metadata = new V1ObjectMeta { Name = "fix-0123456789" },
        Status = new V1JobStatus
        {
            Active = active,
            Conditions = condition is null ? null : [new V1JobCondition { Type = condition, Status = status }],
        },
    };
}

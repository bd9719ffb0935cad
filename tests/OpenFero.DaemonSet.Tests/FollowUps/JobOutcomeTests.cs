using k8s.Models;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.Tests.FollowUps;

public sealed class JobOutcomeTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_newest_terminated_pod_speaks_for_the_job()
    {
        var outcome = JobOutcome.Of(Job(), JobState.Succeeded,
            [Pod("rolledOut: an old try", Now.AddMinutes(-5)), Pod(null, null, running: true), Pod("declined: monitoring/node-exporter: annotation openfero.io/remediation=disabled: nothing done", Now)]);

        Assert.Equal(new JobOutcome(RemediationResult.Declined, "monitoring/node-exporter: annotation openfero.io/remediation=disabled: nothing done"), outcome);
    }

    [Fact]
    public void A_failed_job_without_an_outcome_is_an_error_explained_by_its_condition()
    {
        var job = Job(new V1JobCondition { Type = "Failed", Status = "True", Reason = "BackoffLimitExceeded", Message = "Job has reached the specified backoff limit" });

        Assert.Equal(new JobOutcome(RemediationResult.Error, "the Job failed: BackoffLimitExceeded: Job has reached the specified backoff limit"), JobOutcome.Of(job, JobState.Failed, []));
        Assert.Equal(new JobOutcome(RemediationResult.Error, "panic: out of cheese"), JobOutcome.Of(job, JobState.Failed, [Pod("panic: out of cheese", Now)]));
    }

    [Fact]
    public void A_completed_job_without_an_outcome_has_none_and_records_no_outcome_annotation()
    {
        var outcome = JobOutcome.Of(Job(), JobState.Succeeded, [Pod(null, Now)]);

        Assert.Equal(new JobOutcome(null, null), outcome);
        Assert.Empty(outcome.Annotations());
    }

    [Fact]
    public void A_long_summary_is_cut_and_recorded_beside_the_outcome()
    {
        var outcome = JobOutcome.Of(Job(), JobState.Failed, [Pod("notRolledOut: " + new string('x', 5000), Now)]);

        Assert.Equal(RemediationResult.NotRolledOut, outcome.Result);
        Assert.Equal(JobOutcome.MaxMessageLength, outcome.Message!.Length);
        Assert.EndsWith("…", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(["openfero.io/outcome", "openfero.io/outcome-message"], outcome.Annotations().Select(a => a.Key));
        Assert.Equal("notRolledOut", outcome.Annotations().First().Value);
    }

    private static V1Job Job(params V1JobCondition[] conditions) => new()
    {
        Metadata = new V1ObjectMeta { Name = "openfero-daemonset-remediate-0123456789", Uid = "u1" },
        Status = new V1JobStatus { Conditions = conditions },
    };

    private static V1Pod Pod(string? message, DateTime? finished, bool running = false) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"pod-{finished?.Ticks}" },
        Status = new V1PodStatus
        {
            ContainerStatuses =
            [
                new V1ContainerStatus
                {
                    Name = "remediate",
                    State = running
                        ? new V1ContainerState { Running = new V1ContainerStateRunning() }
                        : new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, Message = message, FinishedAt = finished } },
                },
            ],
        },
    };
}

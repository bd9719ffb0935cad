using k8s.Models;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Tests.Controllers;

/// <summary>A Job created with <c>spec.suspend: true</c> runs nothing until it is unsuspended, as Kubernetes' Job controller does.</summary>
public sealed class SuspendedJobTests
{
    [Fact]
    public async Task A_suspended_job_creates_no_pod_and_says_suspended_until_it_is_unsuspended_and_then_starts()
    {
        await using var run = new ScenarioRun("healthy");
        var ran = 0;
        run.JobHandlers.Register("ghcr.io/openfero/openfero-daemonset", (_, _) =>
        {
            Interlocked.Increment(ref ran);
            return Task.FromResult(0);
        });
        run.Store.Create(ResourceTypes.Jobs, ClusterJson.From(Job("fix-1")));

        run.RunFor(TimeSpan.FromMinutes(2));
        var suspended = Stored(run);
        var podsWhileSuspended = JobPods(run, suspended).Count;
        var suspendedAt = run.Time.GetUtcNow().UtcDateTime;
        var resumed = suspended.ToMutable<V1Job>();
        resumed.Spec.Suspend = false;
        run.Store.Update(ResourceTypes.Jobs, ClusterJson.From(resumed));
        await Eventually.HoldsAsync(() =>
        {
            if (Stored(run).As<V1Job>().Status?.Conditions?.Any(c => c.Type == "Complete") == true)
            {
                return true;
            }

            run.RunFor(TimeSpan.FromSeconds(1));
            return false;
        }, "the unsuspended Job to run its pod and complete");
        var completed = Stored(run).As<V1Job>();

        Assert.Equal(0, podsWhileSuspended);
        Assert.Null(suspended.As<V1Job>().Status.StartTime);
        Assert.Null(suspended.As<V1Job>().Status.Active);
        var condition = Assert.Single(suspended.As<V1Job>().Status.Conditions);
        Assert.Equal(("Suspended", "True", "JobSuspended"), (condition.Type, condition.Status, condition.Reason));
        Assert.Equal(1, ran);
        Assert.True(completed.Status.StartTime >= suspendedAt, "the Job starts when it is unsuspended, not when it was created");
        Assert.Contains(completed.Status.Conditions, c => (c.Type, c.Status, c.Reason) == ("Suspended", "False", "JobResumed"));
        Assert.Single(JobPods(run, Stored(run)));
    }

    private static StoredObject Stored(ScenarioRun run) => run.Store.GetRequired(ResourceTypes.Jobs, "openfero", "fix-1");

    private static List<V1Pod> JobPods(ScenarioRun run, StoredObject job) =>
        [.. run.Pods("openfero").Where(p => p.Metadata.OwnerReferences?.Any(o => o.Uid == job.As<V1Job>().Metadata.Uid) == true)];

    private static V1Job Job(string name) => new()
    {
        ApiVersion = "batch/v1",
        Kind = "Job",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "openfero" },
        Spec = new V1JobSpec
        {
            Suspend = true,
            BackoffLimit = 0,
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec
                {
                    RestartPolicy = "Never",
                    Containers = [new V1Container { Name = "remediate", Image = "ghcr.io/openfero/openfero-daemonset:0.1.0", Args = ["remediate"] }],
                },
            },
        },
    };
}

using k8s.Models;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Tests.Controllers;

public sealed class JobControllerTests
{
    [Theory]
    [InlineData(0, "Complete")]
    [InlineData(3, "Failed")]
    public async Task Job_pod_runs_the_handler_registered_for_its_image_and_the_job_status_follows(int exitCode, string condition)
    {
        await using var run = new ScenarioRun("healthy");
        var seen = new TaskCompletionSource<IReadOnlyDictionary<string, string>>();
        run.JobHandlers.Register("ghcr.io/openfero/openfero-daemonset", (context, _) =>
        {
            seen.TrySetResult(context.Environment);
            return Task.FromResult(exitCode);
        });
        run.Store.Create(ResourceTypes.Jobs, ClusterJson.From(Job("fix-1", backoffLimit: 0)));

        // The handler runs on its own task: each look lets the simulated time run one more second until the Job ends.
        await Eventually.HoldsAsync(() =>
        {
            if (Status(run)?.Conditions is not null)
            {
                return true;
            }

            run.RunFor(TimeSpan.FromSeconds(1));
            return false;
        }, "the Job's status to carry a condition once its pod's handler returned");

        var status = Status(run)!;
        Assert.Equal("monitoring", (await seen.Task)["OPENFERO_NAMESPACE"]);
        Assert.Contains(status.Conditions, c => c.Type == condition && c.Status == "True");
        Assert.NotNull(status.StartTime);
        Assert.Equal(exitCode == 0 ? 1 : null, status.Succeeded);
    }

    private static V1JobStatus? Status(ScenarioRun run) =>
        run.Store.Get(ResourceTypes.Jobs, "openfero", "fix-1")?.As<V1Job>().Status;

    private static V1Job Job(string name, int backoffLimit) => new()
    {
        ApiVersion = "batch/v1",
        Kind = "Job",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "openfero" },
        Spec = new V1JobSpec
        {
            BackoffLimit = backoffLimit,
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec
                {
                    RestartPolicy = "Never",
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "remediate",
                            Image = "ghcr.io/openfero/openfero-daemonset:0.1.0",
                            Args = ["remediate"],
                            Env = [new V1EnvVar { Name = "OPENFERO_NAMESPACE", Value = "monitoring" }],
                        },
                    ],
                },
            },
        },
    };
}

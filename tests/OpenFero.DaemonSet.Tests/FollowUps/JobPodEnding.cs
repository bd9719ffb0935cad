using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.FollowUps;

/// <summary>
/// Remediation Job pods that run until the test ends them the way the kubelet ends a container: phase, exit code and
/// the termination message the runner wrote (<c>declined: …</c>) in the first container's terminated state.
/// </summary>
internal static class JobPodEnding
{
    public const string RunnerImage = "ghcr.io/openfero/openfero-daemonset";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Job pods of the built-in Operarius run until <see cref="EndAsync"/> ends them.</summary>
    public static void HoldRunning(ServerHost host) => host.Cluster.JobHandlers.Register(RunnerImage, async (_, token) =>
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, token);
        return 0;
    });

    /// <summary>Ends the running pod of <paramref name="job"/>, which makes the Job controller finish the Job.</summary>
    public static async Task EndAsync(ServerHost host, string job, int exitCode, string? terminationMessage)
    {
        var pod = await Eventually.ReachesAsync(
            async () => (await host.Client.CoreV1.ListNamespacedPodAsync("openfero", labelSelector: $"batch.kubernetes.io/job-name={job}", cancellationToken: Cancel)).Items
                .FirstOrDefault(p => p.Status?.Phase == "Running"),
            running => running is not null, $"a pod of Job {job} to run");
        pod!.Status.Phase = exitCode == 0 ? "Succeeded" : "Failed";
        pod.Status.ContainerStatuses[0].Ready = false;
        pod.Status.ContainerStatuses[0].State = new V1ContainerState
        {
            Terminated = new V1ContainerStateTerminated
            {
                ExitCode = exitCode,
                Reason = exitCode == 0 ? "Completed" : "Error",
                Message = terminationMessage,
                FinishedAt = pod.Status.StartTime,
            },
        };
        await host.Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, pod.Metadata.Name, "openfero", cancellationToken: Cancel);
    }
}

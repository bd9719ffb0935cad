using k8s.Models;
using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Tests.Analysis;

/// <summary>kubectl's STATUS column, case by case, beside the Kubernetes phase it starts from.</summary>
public sealed class KubectlPodStatusTests
{
    [Fact]
    public void A_running_pod_shows_its_phase() =>
        Assert.Equal("Running", KubectlPodStatus.Of(Pod("Running", Running())));

    [Fact]
    public void A_waiting_container_shows_its_reason_over_the_phase() =>
        Assert.Equal("CrashLoopBackOff", KubectlPodStatus.Of(Pod("Running", Waiting("CrashLoopBackOff"))));

    [Fact]
    public void The_first_container_wins_over_the_later_ones() =>
        Assert.Equal("ImagePullBackOff", KubectlPodStatus.Of(Pod("Pending", Waiting("ImagePullBackOff"), Waiting("ContainerCreating"))));

    [Fact]
    public void A_terminated_container_without_a_reason_shows_its_exit_code() =>
        Assert.Equal("ExitCode:137", KubectlPodStatus.Of(Pod("Failed", new V1ContainerStatus { Name = "c", State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 137 } } })));

    [Fact]
    public void The_pods_own_reason_replaces_the_phase() =>
        Assert.Equal("Evicted", KubectlPodStatus.Of(Pod("Failed", reason: "Evicted")));

    [Fact]
    public void A_pod_being_deleted_is_Terminating_whatever_its_containers_say()
    {
        var pod = Pod("Running", Waiting("CrashLoopBackOff"));
        pod.Metadata.DeletionTimestamp = Snapshots.Now.UtcDateTime;

        Assert.Equal("Terminating", KubectlPodStatus.Of(pod));
    }

    [Fact]
    public void A_pod_being_deleted_on_a_lost_node_is_Unknown()
    {
        var pod = Pod("Running", reason: "NodeLost");
        pod.Metadata.DeletionTimestamp = Snapshots.Now.UtcDateTime;

        Assert.Equal("Unknown", KubectlPodStatus.Of(pod));
    }

    [Fact]
    public void A_finished_pod_being_deleted_keeps_its_final_status()
    {
        var pod = Pod("Succeeded", new V1ContainerStatus { Name = "c", State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, Reason = "Completed" } } });
        pod.Metadata.DeletionTimestamp = Snapshots.Now.UtcDateTime;

        Assert.Equal("Completed", KubectlPodStatus.Of(pod));
    }

    [Fact]
    public void An_init_container_still_running_shows_how_many_init_containers_are_done()
    {
        var pod = Pod("Pending");
        pod.Status.InitContainerStatuses =
        [
            new V1ContainerStatus { Name = "a", State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0 } } },
            new V1ContainerStatus { Name = "b", State = new V1ContainerState { Running = new V1ContainerStateRunning() } },
        ];

        Assert.Equal("Init:1/2", KubectlPodStatus.Of(pod));
    }

    private static V1Pod Pod(string phase, params V1ContainerStatus[] containers) => Pod(phase, null, containers);

    private static V1Pod Pod(string phase, string? reason, params V1ContainerStatus[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "agent-abcde", NamespaceProperty = "default", Uid = "pod-uid" },
        Spec = new V1PodSpec(),
        Status = new V1PodStatus { Phase = phase, Reason = reason, ContainerStatuses = containers },
    };

    private static V1ContainerStatus Running() =>
        new() { Name = "c", Ready = true, State = new V1ContainerState { Running = new V1ContainerStateRunning() } };

    private static V1ContainerStatus Waiting(string reason) =>
        new() { Name = "c", State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason } } };
}

using k8s.Models;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// The Job controller: a pod per attempt until one succeeds or the backoffLimit is spent, status counters and
/// Complete/Failed conditions as <c>kubectl get jobs -w</c> shows them, and ttlSecondsAfterFinished honoured. A Job
/// with <c>spec.suspend: true</c> gets no pod and condition Suspended=True until it is unsuspended, as Kubernetes does
/// (<see cref="JobSuspension"/>); its startTime is set when it resumes.
/// </summary>
public sealed class JobController(ClusterStore store, TimeProvider time)
{
    public void Reconcile()
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var stored in store.List(ResourceTypes.Jobs))
        {
            var job = stored.As<V1Job>();
            var pods = store.List(ResourceTypes.Pods, job.Metadata.NamespaceProperty).Select(p => p.As<V1Pod>())
                .Where(p => p.Metadata.IsOwnedBy(job.Metadata.Uid)).ToList();
            if (Finished(job) is { } finishedAt)
            {
                ExpireAfterTtl(job, pods, finishedAt, now);
                continue;
            }

            if (job.Spec.Suspend == true)
            {
                JobSuspension.WriteSuspended(store, stored, job, now);
                continue;
            }

            var active = pods.Count(p => p.Status?.Phase is not ("Succeeded" or "Failed") && p.Metadata.DeletionTimestamp is null);
            var succeeded = pods.Count(p => p.Status?.Phase == "Succeeded");
            var failed = pods.Count(p => p.Status?.Phase == "Failed");
            if (active == 0 && succeeded == 0 && failed <= (job.Spec.BackoffLimit ?? 6))
            {
                CreatePod(job);
                active = 1;
            }

            var ready = pods.Count(p => Controllers.PodReady(p) && p.Metadata.DeletionTimestamp is null);
            WriteStatus(stored, job, (active, ready), succeeded, failed, now);
        }
    }

    private void WriteStatus(StoredObject stored, V1Job job, (int Active, int Ready) pods, int succeeded, int failed, DateTime now)
    {
        var active = pods.Active;
        var status = new V1JobStatus
        {
            Active = active == 0 ? null : active,
            Succeeded = succeeded == 0 ? null : succeeded,
            Failed = failed == 0 ? null : failed,
            Ready = pods.Ready,
            Terminating = 0,
            StartTime = job.Status?.StartTime ?? now,
            Conditions = JobSuspension.Resumed(job, now) is { } resumed ? [resumed] : null,
        };
        if (succeeded >= (job.Spec.Completions ?? 1))
        {
            status.Active = null;
            status.CompletionTime = now;
            status.Conditions =
            [
                .. status.Conditions ?? [],
                new V1JobCondition { Type = "SuccessCriteriaMet", Status = "True", LastProbeTime = now, LastTransitionTime = now, Reason = "CompletionsReached", Message = "Reached expected number of succeeded pods" },
                new V1JobCondition { Type = "Complete", Status = "True", LastProbeTime = now, LastTransitionTime = now, Reason = "CompletionsReached", Message = "Reached expected number of succeeded pods" },
            ];
        }
        else if (failed > (job.Spec.BackoffLimit ?? 6))
        {
            status.Active = null;
            status.Conditions =
            [
                .. status.Conditions ?? [],
                new V1JobCondition { Type = "FailureTarget", Status = "True", LastProbeTime = now, LastTransitionTime = now, Reason = "BackoffLimitExceeded", Message = "Job has reached the specified backoff limit" },
                new V1JobCondition { Type = "Failed", Status = "True", LastProbeTime = now, LastTransitionTime = now, Reason = "BackoffLimitExceeded", Message = "Job has reached the specified backoff limit" },
            ];
        }

        var before = job.Status ?? new V1JobStatus();
        if (before.Active != status.Active || before.Succeeded != status.Succeeded || before.Failed != status.Failed ||
            (before.Conditions?.Count ?? 0) != (status.Conditions?.Count ?? 0) || before.StartTime is null || JobSuspension.IsSuspended(before))
        {
            var changed = stored.ToMutable<V1Job>();
            changed.Status = status;
            store.TryUpdateStatus(ResourceTypes.Jobs, changed);
        }
    }

    private void CreatePod(V1Job job)
    {
        var template = job.Spec.Template;
        var pod = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                GenerateName = job.Metadata.Name + "-",
                NamespaceProperty = job.Metadata.NamespaceProperty,
                Labels = new Dictionary<string, string>(template.Metadata?.Labels ?? new Dictionary<string, string>()),
                Annotations = template.Metadata?.Annotations,
                OwnerReferences = [new V1OwnerReference { ApiVersion = "batch/v1", Kind = "Job", Name = job.Metadata.Name, Uid = job.Metadata.Uid, Controller = true, BlockOwnerDeletion = true }],
            },
            Spec = k8s.KubernetesJson.Deserialize<V1PodSpec>(k8s.KubernetesJson.Serialize(template.Spec)),
        };
        pod.Spec.NodeName = FirstReadyNode() ?? "simulated-job-node";
        store.Create(ResourceTypes.Pods, ClusterJson.From(pod));
    }

    private string? FirstReadyNode() => store.List(ResourceTypes.Nodes).Select(n => n.As<V1Node>())
        .FirstOrDefault(n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true && n.Spec?.Unschedulable != true)?.Metadata.Name;

    private static DateTime? Finished(V1Job job) =>
        job.Status?.Conditions?.FirstOrDefault(c => c.Type is "Complete" or "Failed" && c.Status == "True")?.LastTransitionTime;

    private void ExpireAfterTtl(V1Job job, List<V1Pod> pods, DateTime finishedAt, DateTime now)
    {
        if (job.Spec.TtlSecondsAfterFinished is not { } ttl || finishedAt.AddSeconds(ttl) > now)
        {
            return;
        }

        foreach (var pod in pods)
        {
            store.TryDelete(ResourceTypes.Pods, pod.Metadata, gracePeriodSeconds: 0);
        }

        store.TryDelete(ResourceTypes.Jobs, job.Metadata);
    }
}

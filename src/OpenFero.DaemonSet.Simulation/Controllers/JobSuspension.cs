using k8s.Models;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// The Job controller's rules for <c>spec.suspend</c>: a suspended Job runs no pod, has no startTime and carries
/// condition <c>Suspended=True</c> (reason JobSuspended), which <c>kubectl get jobs</c> shows as its status; once
/// unsuspended the condition turns False (reason JobResumed) and the Job starts then.
/// </summary>
public static class JobSuspension
{
    public const string Condition = "Suspended";

    public static bool IsSuspended(V1JobStatus? status) =>
        status?.Conditions?.Any(c => c.Type == Condition && c.Status == "True") == true;

    /// <summary>Writes the suspended status once; a Job suspended while it ran has its pods deleted, as Kubernetes does.</summary>
    public static void WriteSuspended(ClusterStore store, StoredObject stored, V1Job job, DateTime now)
    {
        foreach (var pod in store.List(ResourceTypes.Pods, job.Metadata.NamespaceProperty).Select(p => p.As<V1Pod>())
                     .Where(p => p.Metadata.IsOwnedBy(job.Metadata.Uid) && p.Status?.Phase is not ("Succeeded" or "Failed")))
        {
            store.TryDelete(ResourceTypes.Pods, pod.Metadata, gracePeriodSeconds: 0);
        }

        if (IsSuspended(job.Status))
        {
            return;
        }

        var changed = stored.ToMutable<V1Job>();
        changed.Status = new V1JobStatus
        {
            Ready = 0,
            Terminating = 0,
            Succeeded = job.Status?.Succeeded,
            Failed = job.Status?.Failed,
            Conditions = [new V1JobCondition { Type = Condition, Status = "True", LastProbeTime = now, LastTransitionTime = now, Reason = "JobSuspended", Message = "Job suspended" }],
        };
        store.TryUpdateStatus(ResourceTypes.Jobs, changed);
    }

    /// <summary>The condition of a Job that was suspended and runs now; null for a Job never suspended.</summary>
    public static V1JobCondition? Resumed(V1Job job, DateTime now) =>
        job.Status?.Conditions?.FirstOrDefault(c => c.Type == Condition) switch
        {
            null => null,
            { Status: "True" } => new V1JobCondition { Type = Condition, Status = "False", LastProbeTime = now, LastTransitionTime = now, Reason = "JobResumed", Message = "Job resumed" },
            var resumed => resumed,
        };
}

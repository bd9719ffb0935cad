using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// Reads a finished Job's outcome from its pods' termination messages (<see cref="JobOutcome"/>): the pods are listed
/// in the Job's namespace by the label the Job controller puts on them, <c>batch.kubernetes.io/job-name</c>, or by
/// the older <c>job-name</c> when none carries the first; pods of an earlier Job of the same name are left out.
/// </summary>
public sealed class JobOutcomeReader(IKubernetes client)
{
    public const string JobNameLabel = "batch.kubernetes.io/job-name";
    public const string LegacyJobNameLabel = "job-name";

    public async Task<JobOutcome> ReadAsync(V1Job job, JobState state, CancellationToken cancellationToken)
    {
        var pods = await PodsAsync(job, JobNameLabel, cancellationToken);
        if (pods.Count == 0)
        {
            pods = await PodsAsync(job, LegacyJobNameLabel, cancellationToken);
        }

        return JobOutcome.Of(job, state, pods.Where(p => p.Metadata.OwnerReferences is not { Count: > 0 } owners || owners.Any(o => o.Uid == job.Metadata.Uid)));
    }

    private async Task<IList<V1Pod>> PodsAsync(V1Job job, string label, CancellationToken cancellationToken) =>
        await KubernetesPaging.ItemsAsync(
                next => client.CoreV1.ListNamespacedPodAsync(job.Metadata.NamespaceProperty, labelSelector: $"{label}={job.Metadata.Name}",
                    limit: KubernetesPaging.PageSize, continueParameter: next, cancellationToken: cancellationToken),
                l => l.Items)
            .ToListAsync(cancellationToken);
}

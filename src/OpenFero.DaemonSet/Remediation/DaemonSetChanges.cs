using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using OpenFero.DaemonSet.Alerting;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// The writes a remediation makes to a DaemonSet: read it, change it, replace it at the read resourceVersion;
/// a 409 means someone else wrote first, so read again and re-apply the same change.
/// </summary>
public sealed class DaemonSetChanges(IKubernetes client, TimeProvider time)
{
    private const int Attempts = 5;

    /// <summary><c>kubectl rollout restart</c>: keeps every other template annotation.</summary>
    public Task RestartAsync(DaemonSetTarget target, CancellationToken cancellationToken) =>
        ChangeAsync(target, ds =>
        {
            ds.Spec.Template.Metadata ??= new V1ObjectMeta();
            ds.Spec.Template.Metadata.Annotations ??= new Dictionary<string, string>();
            ds.Spec.Template.Metadata.Annotations[RestartedAt.AnnotationKey] = RestartedAt.Format(time.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary><c>kubectl rollout undo</c>: the template of the revision before the current one.</summary>
    public Task UndoAsync(DaemonSetTarget target, CancellationToken cancellationToken) =>
        ChangeAsync(target, async ds =>
        {
            var selector = string.Join(",", ds.Spec.Selector.MatchLabels.Select(kv => $"{kv.Key}={kv.Value}"));
            var revisions = (await client.AppsV1.ListNamespacedControllerRevisionAsync(target.Namespace, labelSelector: selector, cancellationToken: cancellationToken)).Items
                .Where(r => r.Metadata.OwnerReferences?.Any(o => o.Uid == ds.Metadata.Uid) == true)
                .OrderByDescending(r => r.Revision).ToList();
            if (revisions.Count < 2)
            {
                throw new InvalidOperationException($"daemonset {target} has no previous revision to roll back to");
            }

            var data = KubernetesJson.Deserialize<RevisionData>(KubernetesJson.Serialize(revisions[1].Data));
            ds.Spec.Template = data.Spec.Template;
        }, cancellationToken);

    private async Task ChangeAsync(DaemonSetTarget target, Func<V1DaemonSet, Task> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ds = await client.AppsV1.ReadNamespacedDaemonSetAsync(target.Name, target.Namespace, cancellationToken: cancellationToken);
            await change(ds);
            try
            {
                await client.AppsV1.ReplaceNamespacedDaemonSetAsync(ds, target.Name, target.Namespace, cancellationToken: cancellationToken);
                return;
            }
            catch (HttpOperationException conflict) when (conflict.Response.StatusCode == HttpStatusCode.Conflict && attempt < Attempts)
            {
                // Changed under us: re-read and re-apply.
            }
        }
    }

    private sealed record RevisionData(RevisionSpec Spec);

    private sealed record RevisionSpec(V1PodTemplateSpec Template);
}

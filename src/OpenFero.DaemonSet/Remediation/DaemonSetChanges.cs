using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// The writes a remediation makes to a DaemonSet, as the strategic merge patches kubectl sends: the runner needs
/// <c>patch</c> on DaemonSets, never <c>update</c>, and a patch touches only the fields it names.
/// </summary>
public sealed class DaemonSetChanges(IKubernetes client, TimeProvider time)
{
    public const string FieldManager = "openfero-daemonset";
    private const int UndoAttempts = 3;

    /// <summary><c>kubectl rollout restart</c>: one template annotation; the server merges it into the current object.</summary>
    public Task<V1DaemonSet> RestartAsync(DaemonSetTarget target, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RestartedAt.AnnotationKey] = RestartedAt.Format(time.GetUtcNow()) } },
                },
            },
        };
        return client.AppsV1.PatchNamespacedDaemonSetAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch),
            target.Name, target.Namespace, fieldManager: FieldManager, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// <c>kubectl rollout undo</c>: the body kubectl sends (the previous ControllerRevision's template with
    /// <c>$patch: replace</c>), plus the resourceVersion it was chosen at as a precondition. Refused when the current
    /// revision is no longer <paramref name="judgedRevision"/>: rolling back someone's newer template would undo their fix.
    /// </summary>
    /// <returns>The revision rolled back to, its images, and the DaemonSet as patched.</returns>
    public async Task<RolloutUndoResult> UndoAsync(DaemonSetTarget target, string? judgedRevision, CancellationToken cancellationToken)
    {
        long? generation = null;
        RolloutUndoResult? undone = null;

        // A 409 means written since the read (the controller writes status all the time): read again and judge again.
        await ConflictRetry.RunAsync(async () =>
        {
            var ds = await client.AppsV1.ReadNamespacedDaemonSetAsync(target.Name, target.Namespace, cancellationToken: cancellationToken);
            if (generation is not null && ds.Metadata.Generation != generation)
            {
                throw new InvalidOperationException($"the spec of daemonset {target} changed while undoing: nothing undone, look at it");
            }

            generation = ds.Metadata.Generation;
            var selector = string.Join(",", ds.Spec.Selector.MatchLabels.Select(kv => $"{kv.Key}={kv.Value}"));
            var revisions = (await client.AppsV1.ListNamespacedControllerRevisionAsync(target.Namespace, labelSelector: selector, cancellationToken: cancellationToken)).Items
                .Where(r => r.Metadata.OwnerReferences?.Any(o => o.Uid == ds.Metadata.Uid) == true)
                .OrderByDescending(r => r.Revision).ToList();
            if (revisions.Count < 2)
            {
                throw new InvalidOperationException($"daemonset {target} has no previous revision to roll back to");
            }

            var current = revisions[0].Metadata.Labels?.TryGetValue(DaemonPods.RevisionHashLabel, out var hash) == true ? hash : null;
            if (judgedRevision is not null && current != judgedRevision)
            {
                throw new InvalidOperationException($"the template of daemonset {target} changed since it was judged broken (revision {current}, not {judgedRevision}): nothing undone");
            }

            var template = Template(revisions[1]);
            var patched = await client.AppsV1.PatchNamespacedDaemonSetAsync(new V1Patch(UndoPatch(template, ds.Metadata.ResourceVersion), V1Patch.PatchType.StrategicMergePatch),
                target.Name, target.Namespace, fieldManager: FieldManager, cancellationToken: cancellationToken);
            undone = new RolloutUndoResult(revisions[1].Revision ?? 0, Images(template), patched);
        }, UndoAttempts);
        return undone!;
    }

    private static JsonObject Template(V1ControllerRevision revision) =>
        JsonNode.Parse(KubernetesJson.Serialize(revision.Data))?["spec"]?["template"]?.DeepClone() as JsonObject
            ?? throw new InvalidOperationException($"revision {revision.Metadata.Name} holds no pod template");

    private static List<string> Images(JsonObject template) =>
        [.. (template["spec"]?["containers"] as JsonArray ?? []).Select(c => c?["image"]?.GetValue<string>()).OfType<string>()];

    private static string UndoPatch(JsonObject template, string resourceVersion)
    {
        template["$patch"] = "replace";
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["spec"] = new JsonObject { ["template"] = template },
        }.ToJsonString();
    }
}

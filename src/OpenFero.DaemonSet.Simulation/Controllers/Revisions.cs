using k8s.Models;
using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// ControllerRevisions of a DaemonSet: one per template it has had, named <c>&lt;ds&gt;-&lt;hash&gt;</c>, numbered in
/// order; going back to an earlier template renumbers its revision as the newest.
/// </summary>
public static class Revisions
{
    /// <summary>The current template's revision hash; its ControllerRevision is created when missing.</summary>
    public static string Ensure(ClusterStore store, V1DaemonSet daemonSet)
    {
        var hash = TemplateHash.Of(daemonSet.Spec.Template);
        var ns = daemonSet.Metadata.NamespaceProperty;
        var name = $"{daemonSet.Metadata.Name}-{hash}";
        var existing = store.List(ResourceTypes.ControllerRevisions, ns).Select(r => r.As<V1ControllerRevision>())
            .Where(r => r.Metadata.IsOwnedBy(daemonSet.Metadata.Uid)).ToList();
        if (store.Get(ResourceTypes.ControllerRevisions, ns, name) is { } stored)
        {
            BumpWhenReturnedTo(store, stored, existing);
            return hash;
        }

        var labels = new Dictionary<string, string>(daemonSet.Spec.Selector?.MatchLabels ?? new Dictionary<string, string>())
        {
            [DaemonPods.RevisionHashLabel] = hash,
        };
        var revision = new V1ControllerRevision
        {
            ApiVersion = "apps/v1",
            Kind = "ControllerRevision",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = labels,
                OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "DaemonSet", Name = daemonSet.Metadata.Name, Uid = daemonSet.Metadata.Uid, Controller = true }],
            },
            Data = new Dictionary<string, object> { ["spec"] = new Dictionary<string, object> { ["template"] = daemonSet.Spec.Template } },
            Revision = existing.Count == 0 ? 1 : existing.Max(r => r.Revision) + 1,
        };
        try
        {
            store.Create(ResourceTypes.ControllerRevisions, ClusterJson.From(revision));
        }
        catch (ApiException error) when (error.Code == 409)
        {
            // Another pass recorded it first.
        }

        return hash;
    }

    /// <summary>
    /// The template went back to an older revision's (<c>kubectl rollout undo</c>): as the DaemonSet controller's
    /// <c>constructHistory</c>, that revision becomes the newest, numbered one past the others.
    /// </summary>
    private static void BumpWhenReturnedTo(ClusterStore store, StoredObject stored, List<V1ControllerRevision> existing)
    {
        var current = stored.As<V1ControllerRevision>();
        var others = existing.Where(r => r.Metadata.Name != current.Metadata.Name).Select(r => r.Revision).DefaultIfEmpty(0).Max();
        if (current.Revision > others)
        {
            return;
        }

        var bumped = stored.ToMutable<V1ControllerRevision>();
        bumped.Revision = others + 1;
        store.TryUpdate(ResourceTypes.ControllerRevisions, bumped);
    }
}

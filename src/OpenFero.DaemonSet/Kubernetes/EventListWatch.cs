using k8s;
using k8s.Models;

namespace OpenFero.DaemonSet.Kubernetes;

/// <summary>The Events a field selector picks, in one namespace or every one, as a <see cref="ListWatch{T}"/> keyed <c>namespace/name</c>.</summary>
public static class EventListWatch
{
    /// <param name="what">What the Events are, for the log (<c>FailedCreate events</c>): the namespace is added.</param>
    public static ListWatch<Corev1Event> Of(IKubernetes client, string? ns, string fieldSelector, string what, TimeProvider time, ILogger logger) => new(
        ns is null ? $"{what} in every namespace" : $"{what} in {ns}",
        async token =>
        {
            var list = ns is null
                ? await client.CoreV1.ListEventForAllNamespacesAsync(fieldSelector: fieldSelector, cancellationToken: token)
                : await client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: fieldSelector, cancellationToken: token);
            return (list.Items, list.Metadata.ResourceVersion);
        },
        (resourceVersion, token) => ns is null
            ? client.CoreV1.WatchListEventForAllNamespacesAsync(fieldSelector: fieldSelector, resourceVersion: resourceVersion, allowWatchBookmarks: false, cancellationToken: token)
            : client.CoreV1.WatchListNamespacedEventAsync(ns, fieldSelector: fieldSelector, resourceVersion: resourceVersion, allowWatchBookmarks: false, cancellationToken: token),
        time,
        logger,
        e => $"{e.Metadata.NamespaceProperty}/{e.Metadata.Name}");
}

using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Events;

/// <summary>Kubernetes Events on a DaemonSet, so <c>kubectl describe daemonset</c> tells what was done to it.</summary>
public sealed class DaemonSetEvents(IKubernetes client, TimeProvider time)
{
    public const string Component = "openfero-daemonset";

    public Task RecordAsync(DaemonSetTarget target, string reason, string message, string type, CancellationToken cancellationToken) =>
        client.CoreV1.CreateNamespacedEventAsync(Build(target, new V1ObjectMeta { GenerateName = target.Name + "." }, reason, message, type), target.Namespace, cancellationToken: cancellationToken);

    /// <summary>
    /// An Event under a name of the caller's choosing, so recording it again (another replica, a retry after a crash)
    /// is a 409 and the DaemonSet shows it once.
    /// </summary>
    public async Task RecordOnceAsync(DaemonSetTarget target, string name, string reason, string message, string type, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(Build(target, new V1ObjectMeta { Name = name }, reason, message, type), target.Namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException exists) when (exists.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Recorded already.
        }
    }

    private Corev1Event Build(DaemonSetTarget target, V1ObjectMeta metadata, string reason, string message, string type)
    {
        var now = time.GetUtcNow().UtcDateTime;
        metadata.NamespaceProperty = target.Namespace;
        return new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = metadata,
            InvolvedObject = new V1ObjectReference { ApiVersion = "apps/v1", Kind = "DaemonSet", Name = target.Name, NamespaceProperty = target.Namespace },
            Reason = reason,
            Message = message,
            Type = type,
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = Environment.MachineName,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
    }
}

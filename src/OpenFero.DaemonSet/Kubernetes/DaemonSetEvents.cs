using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Alerting;

namespace OpenFero.DaemonSet.Kubernetes;

/// <summary>Kubernetes Events on a DaemonSet, so <c>kubectl describe daemonset</c> tells what was done to it.</summary>
public sealed class DaemonSetEvents(IKubernetes client, TimeProvider time)
{
    public const string Component = "openfero-daemonset";

    public Task RecordAsync(DaemonSetTarget target, string reason, string message, string type, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ev = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { GenerateName = target.Name + ".", NamespaceProperty = target.Namespace },
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
        return client.CoreV1.CreateNamespacedEventAsync(ev, target.Namespace, cancellationToken: cancellationToken);
    }
}

using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Events;

/// <summary>
/// Kubernetes Events on a DaemonSet, so <c>kubectl describe daemonset</c> and <c>kubectl events --for
/// daemonset/NAME</c> tell what was done to it. Each names the DaemonSet as the API does (apiVersion, kind, name,
/// namespace, uid, resourceVersion) and this program as the controller that reported it.
/// </summary>
public sealed class DaemonSetEvents(IKubernetes client, TimeProvider time)
{
    /// <summary>The Event's <c>source.component</c>, as <c>kubectl describe</c> shows it under "From".</summary>
    public const string Component = "openfero-daemonset";

    /// <summary>The Event's <c>reportingComponent</c> (events.k8s.io's <c>reportingController</c>): a qualified name.</summary>
    public const string ReportingController = "openfero.io/openfero-daemonset";

    /// <summary>The API server keeps at most this much of a message with an <c>eventTime</c> (events.k8s.io's note).</summary>
    public const int MaxMessageLength = 1024;

    /// <summary>An Event on <paramref name="daemonSet"/> as read (its uid and resourceVersion), or on the target alone when it is gone (null).</summary>
    public Task RecordAsync(DaemonSetTarget target, V1DaemonSet? daemonSet, DaemonSetEvent @event, CancellationToken cancellationToken) =>
        client.CoreV1.CreateNamespacedEventAsync(Build(DaemonSetReference(target, daemonSet), new V1ObjectMeta { GenerateName = target.Name + "." }, @event), target.Namespace,
            cancellationToken: cancellationToken);

    /// <summary>An Event on another object of the server's (an Operarius), so <c>kubectl describe</c> shows it there too.</summary>
    public Task RecordAsync(V1ObjectReference involved, DaemonSetEvent @event, CancellationToken cancellationToken) =>
        client.CoreV1.CreateNamespacedEventAsync(Build(involved, new V1ObjectMeta { GenerateName = involved.Name + "." }, @event), involved.NamespaceProperty,
            cancellationToken: cancellationToken);

    /// <summary>An Event on the DaemonSet <paramref name="target"/> names, read first for its uid; sent without one when it is gone or unreadable.</summary>
    public async Task RecordAsync(DaemonSetTarget target, string reason, string message, string type, CancellationToken cancellationToken) =>
        await RecordAsync(target, await ReadAsync(target, cancellationToken), new DaemonSetEvent(reason, ActionOf(reason), message, type), cancellationToken);

    /// <summary>
    /// An Event on another object of the server's (a Job) under the name and labels of <paramref name="metadata"/>: a
    /// second record is a 409 and ignored, and the labels let the Event be listed like the object it speaks of.
    /// Answers whether this call recorded it (false: it was recorded already, by this replica or another).
    /// </summary>
    public async Task<bool> RecordOnceAsync(V1ObjectReference involved, V1ObjectMeta metadata, DaemonSetEvent @event, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(Build(involved, metadata, @event), involved.NamespaceProperty, cancellationToken: cancellationToken);
            return true;
        }
        catch (HttpOperationException exists) when (exists.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Recorded already.
            return false;
        }
    }

    /// <summary>
    /// An Event under a name of the caller's choosing, so recording it again (another replica, a retry after a crash)
    /// is a 409 and the DaemonSet shows it once.
    /// </summary>
    public async Task RecordOnceAsync(DaemonSetTarget target, string name, string reason, string message, string type, CancellationToken cancellationToken)
    {
        var daemonSet = await ReadAsync(target, cancellationToken);
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(Build(DaemonSetReference(target, daemonSet), new V1ObjectMeta { Name = name }, new DaemonSetEvent(reason, ActionOf(reason), message, type)),
                target.Namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException exists) when (exists.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Recorded already.
        }
    }

    /// <summary>The action of an Event a caller names only by its reason: the analysis, or the remediation it is part of.</summary>
    public static string ActionOf(string reason) =>
        reason.StartsWith("Analy", StringComparison.Ordinal) ? DaemonSetEvent.Actions.Analyze : DaemonSetEvent.Actions.Remediate;

    private async Task<V1DaemonSet?> ReadAsync(DaemonSetTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await client.AppsV1.ReadNamespacedDaemonSetAsync(target.Name, target.Namespace, cancellationToken: cancellationToken);
        }
        catch (Exception unread) when (!cancellationToken.IsCancellationRequested && KubernetesFailures.IsFailure(unread))
        {
            // Gone, or not readable now: the Event still goes out, naming the DaemonSet without its uid.
            return null;
        }
    }

    private static V1ObjectReference DaemonSetReference(DaemonSetTarget target, V1DaemonSet? daemonSet) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "DaemonSet",
        Name = target.Name,
        NamespaceProperty = target.Namespace,
        Uid = daemonSet?.Metadata?.Uid,
        ResourceVersion = daemonSet?.Metadata?.ResourceVersion,
    };

    private Corev1Event Build(V1ObjectReference involved, V1ObjectMeta metadata, DaemonSetEvent @event)
    {
        var now = time.GetUtcNow().UtcDateTime;
        metadata.NamespaceProperty = involved.NamespaceProperty;
        return new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = metadata,
            InvolvedObject = involved,
            Reason = @event.Reason,
            Message = @event.Message.Length > MaxMessageLength ? @event.Message[..MaxMessageLength] : @event.Message,
            Type = @event.Type,
            Action = @event.Action,
            Source = new V1EventSource { Component = Component },
            ReportingComponent = ReportingController,
            // In a pod the host name is the pod's name.
            ReportingInstance = Environment.MachineName,
            EventTime = now,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
    }
}

using k8s;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// The runner's own guards (<see cref="RemediationPlanner.Refusal(DaemonSetTarget, RemediationPolicy)"/>), applied by
/// the server before it takes a Lease, so a DaemonSet the runner would refuse costs no Lease, no Job and no cooldown:
/// the namespace lists (<c>Runner:AllowNamespaces</c>, <c>Runner:DenyNamespaces</c>) and the opt-out annotation.
/// </summary>
public sealed class RemediationPolicyGate(IKubernetes client, IOptions<RemediationPolicy> policy)
{
    /// <summary>Why the namespace lists refuse <paramref name="target"/>; null when they allow it. No Kubernetes call.</summary>
    public string? NamespaceRefusal(DaemonSetTarget target) => RemediationPlanner.Refusal(target, policy.Value)?.Summary;

    /// <summary>
    /// Why the DaemonSet's owners refuse it (<c>openfero.io/remediation: disabled</c>); null when they do not, or when
    /// the DaemonSet does not exist — its Job is created and the runner declines, as a Job for any other Operarius
    /// would run. A failed read throws, like every other Kubernetes failure of an alert.
    /// </summary>
    public async Task<string?> OptOutAsync(DaemonSetTarget target, CancellationToken cancellationToken)
    {
        var daemonSet = await ReadOrNull.ReadAsync(() => client.AppsV1.ReadNamespacedDaemonSetAsync(target.Name, target.Namespace, cancellationToken: cancellationToken));
        return daemonSet is null ? null : RemediationPlanner.Refusal(target, daemonSet)?.Summary;
    }
}

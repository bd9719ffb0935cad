using k8s;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Alertmanager;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// The hold as the server applies it before it creates a Job (<c>Alertmanager:Url</c> set): a firing alert of the
/// hold list about the DaemonSet's nodes, its namespace or the whole cluster answers the alert <c>held</c>, with no
/// Job; Alertmanager's <c>repeat_interval</c> delivers it again. The DaemonSet's pods are read only when a holding
/// alert fires at all. An Alertmanager that cannot be asked does not hold here: the Job's runner asks again before
/// it changes anything, and holds or acts as <c>Alertmanager:FailOpen</c> says.
/// </summary>
public sealed class AlertHold(IKubernetes client, AlertmanagerClient alertmanager, IOptions<AlertmanagerOptions> options)
{
    /// <summary>Why the alert is held, or null when a Job may be created.</summary>
    public async Task<string?> ReasonAsync(DaemonSetTarget target, CancellationToken cancellationToken)
    {
        if (options.Value.BaseAddress is null)
        {
            return null;
        }

        IReadOnlyList<FiringAlert> firing;
        try
        {
            firing = [.. (await alertmanager.FiringAsync(cancellationToken)).Where(a => options.Value.HoldAlerts.Contains(a.Name, StringComparer.Ordinal))];
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested && AlertmanagerFailures.IsFailure(failure))
        {
            return null;
        }

        if (firing.Count == 0)
        {
            return null;
        }

        var daemonSet = await ReadOrNull.ReadAsync(() => client.AppsV1.ReadNamespacedDaemonSetAsync(target.Name, target.Namespace, cancellationToken: cancellationToken));
        var selector = daemonSet?.Spec?.Selector?.MatchLabels is { Count: > 0 } labels ? string.Join(',', labels.Select(l => $"{l.Key}={l.Value}")) : null;
        var nodes = selector is null
            ? new HashSet<string>(StringComparer.Ordinal)
            : (await client.CoreV1.ListNamespacedPodAsync(target.Namespace, labelSelector: selector, cancellationToken: cancellationToken)).Items
                .Select(DaemonPods.TargetNodeName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var holding = ClusterHoldRule.Holding(firing, options.Value.HoldAlerts, target.Namespace, nodes);
        return holding.Count == 0 ? null : $"{ClusterHoldRule.Describe(holding)} firing: held while the cluster is unwell, no Job (the alert's next delivery asks again)";
    }
}

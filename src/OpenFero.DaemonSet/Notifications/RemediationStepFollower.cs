using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// The runners' steps, live: when a destination hears of steps, the Events this program reports on DaemonSets are
/// listed once and watched (for the cluster, or one watch per namespace of <c>Runner:AllowNamespaces</c>), and each
/// new one is handed to the <see cref="RemediationNotifier"/>, which tells it when it is a step of a remediation
/// this replica started. Nothing is watched when no destination hears of steps.
/// </summary>
public sealed class RemediationStepFollower(
    IKubernetes client,
    RemediationNotifier notifier,
    IOptions<RemediationPolicy> policy,
    TimeProvider time,
    ILogger<RemediationStepFollower> logger) : BackgroundService
{
    /// <summary>The Events of this program's on DaemonSets, as the API server indexes them.</summary>
    public const string Selector = "involvedObject.kind=DaemonSet,reportingComponent=" + DaemonSetEvents.ReportingController;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!notifier.FollowsSteps)
        {
            return;
        }

        var namespaces = policy.Value.AllowNamespaces.Count > 0 ? policy.Value.AllowNamespaces.Cast<string?>().ToList() : [null];
        await Task.WhenAll(namespaces.Select(ns => Follow(ns).RunAsync(stoppingToken)));
    }

    private ListWatch<Corev1Event> Follow(string? ns)
    {
        var cache = EventListWatch.Of(client, ns, Selector, "remediation step events", time, logger);

        // Only Events new to this cache: the first list is what happened before this process could tell it.
        cache.Changed += (previous, current) =>
        {
            if (previous is null && cache.Synced)
            {
                notifier.EventSeen(current);
            }
        };
        return cache;
    }
}

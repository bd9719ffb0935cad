using k8s.Models;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// The DaemonSet controller's pod creates and what it does when the API server refuses one, as Kubernetes does:
/// the pod controller records a Warning Event <c>FailedCreate</c>, <c>Error creating: &lt;the API's message&gt;</c>, on
/// the DaemonSet (source <c>daemonset-controller</c>, repeats counted on one Event); the creates left in the sync are
/// skipped (slow start stops at a failed batch); and the sync is retried with the controllers' default rate limiter,
/// 5 ms doubling per failure up to 1000 s, until a sync needs no create that fails. Only refusals (403, 422) are
/// handled so; other failures fail the controller's pass, which the simulation's health check watches.
/// </summary>
public sealed class PodCreations(ClusterStore store, TimeProvider time)
{
    public const string Component = "daemonset-controller";

    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1000);

    private readonly ClusterStore store = store;
    private readonly TimeProvider time = time;
    private readonly EventRecorder events = new(store, time, Component);
    private readonly Dictionary<string, (int Failures, DateTimeOffset RetryAt)> backoff = new(StringComparer.Ordinal);

    public Pass Begin(V1DaemonSet daemonSet) => new(this, daemonSet);

    /// <summary>The delay before the next sync after <paramref name="failures"/> failed ones in a row.</summary>
    public static TimeSpan Delay(int failures) =>
        TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * Math.Pow(2, failures - 1)));

    /// <summary>One sync of one DaemonSet: its creates, and whether it failed.</summary>
    public sealed class Pass(PodCreations owner, V1DaemonSet daemonSet)
    {
        private readonly string uid = daemonSet.Metadata.Uid;
        private bool failed;
        private bool waiting;

        public void Create(V1Pod pod)
        {
            var now = owner.time.GetUtcNow();
            if (failed || (owner.backoff.TryGetValue(uid, out var current) && now < current.RetryAt))
            {
                waiting = true;
                return;
            }

            try
            {
                owner.store.Create(ResourceTypes.Pods, ClusterJson.From(pod));
            }
            catch (ApiException refused) when (refused.Code is 403 or 422)
            {
                // Refused by admission or validation. Anything else (the namespace gone, a lost race) fails the pass as before.
                failed = true;
                owner.events.Warning(EventRecorder.Reference(daemonSet), "FailedCreate", $"Error creating: {refused.Message}");
                var failures = owner.backoff.GetValueOrDefault(uid).Failures + 1;
                owner.backoff[uid] = (failures, now + Delay(failures));
            }
        }

        /// <summary>A sync that created every pod it needed forgets the DaemonSet's failures.</summary>
        public void End()
        {
            if (!failed && !waiting)
            {
                owner.backoff.Remove(uid);
            }
        }
    }
}

using System.Collections.Concurrent;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// The DaemonSet controller's back-off for failed daemon pods (<c>failedPodsBackoff</c>: 1s, doubling, at most 15m,
/// per DaemonSet and node): a failed pod is deleted and replaced only once its back-off has passed, so a node that
/// keeps failing its pods shows a Failed pod most of the time, as in a real cluster.
/// </summary>
public sealed class FailedPodBackoff(TimeProvider time)
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, TimeSpan Next)> backoffs = new(StringComparer.Ordinal);

    /// <summary>Whether the failed pod of <paramref name="daemonSetUid"/> on <paramref name="node"/> may be deleted now; if so, the next back-off starts.</summary>
    public bool MayReplace(string daemonSetUid, string? node)
    {
        var key = $"{daemonSetUid}/{node}";
        var now = time.GetUtcNow();
        if (backoffs.TryGetValue(key, out var backoff) && now < backoff.Until)
        {
            return false;
        }

        var next = backoff.Next == TimeSpan.Zero ? Initial : backoff.Next;
        backoffs[key] = (now + next, next * 2 > Max ? Max : next * 2);
        return true;
    }
}

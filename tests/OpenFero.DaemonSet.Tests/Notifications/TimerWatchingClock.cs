using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace OpenFero.DaemonSet.Tests.Notifications;

/// <summary>
/// A fake clock that remembers the due time of every timer made on it, so a test can wait until the code under test
/// is waiting (a retry's delay armed) before it moves the clock: moving it earlier would not move that timer.
/// </summary>
internal sealed class TimerWatchingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> dueTimes = new();

    public IReadOnlyCollection<TimeSpan> DueTimes => dueTimes;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        dueTimes.Enqueue(dueTime);
        return timer;
    }
}

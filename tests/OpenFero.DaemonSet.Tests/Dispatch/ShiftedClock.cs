namespace OpenFero.DaemonSet.Tests.Dispatch;

/// <summary>
/// The system clock plus an offset a test moves forward: wall time jumps (a cooldown or a retention passes at
/// once) while timers and delays stay real, so the server's retries, watches and answer timeouts behave as usual.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
}

using System.Diagnostics;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>
/// The time and the managed allocations of one synchronous call: each run makes the call many times on this thread,
/// and the medians of several runs after a warm-up run are divided by the calls. The warm-up is followed by a pause,
/// so that the tiered JIT has compiled the call's methods again, optimized, before the measured runs.
/// </summary>
internal static class PerCall
{
    public static (double Nanoseconds, double Bytes) Median(int runs, int calls, Action call)
    {
        Run(calls, call);
        Thread.Sleep(TimeSpan.FromMilliseconds(300));
        Run(calls, call);
        var times = new List<double>();
        var allocations = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var (nanoseconds, bytes) = Run(calls, call);
            times.Add(nanoseconds);
            allocations.Add(bytes);
        }

        times.Sort();
        allocations.Sort();
        return (times[runs / 2], allocations[runs / 2]);
    }

    /// <summary>How many calls <see cref="Median"/> makes in all, the two warm-up runs included.</summary>
    public static long Made(int runs, int calls) => (runs + 2L) * calls;

    public static string Ns(double nanoseconds) => $"{nanoseconds:0.0} ns";

    private static (double Nanoseconds, double Bytes) Run(int calls, Action call)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            call();
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return (elapsed.TotalNanoseconds / calls, (double)allocated / calls);
    }
}

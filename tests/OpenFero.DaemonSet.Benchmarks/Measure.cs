using System.Diagnostics;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>Wall time of a piece of work: the median of several runs, after a warm-up.</summary>
internal static class Measure
{
    public static async Task<TimeSpan> MedianAsync(int runs, Func<Task> work)
    {
        await work();
        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await work();
            times.Add(watch.Elapsed);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    public static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:0.0} ms";

    public static string MiB(long bytes) => $"{bytes / 1024.0 / 1024.0:0.0} MiB";
}

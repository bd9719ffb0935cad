using System.Runtime.InteropServices;
using OpenFero.DaemonSet.Benchmarks;

var benchmarks = new Dictionary<string, Func<CancellationToken, Task>>(StringComparer.Ordinal)
{
    ["simulation"] = _ => SimulatedClusterBenchmark.RunAsync(),
    ["webhook"] = _ => WebhookBenchmark.RunAsync(Directory.GetCurrentDirectory()),
    ["analysis"] = _ => AnalysisBenchmark.RunAsync(),
    ["remediation"] = stop => RemediationBenchmark.RunAsync(Directory.GetCurrentDirectory(), stop),
    ["body-memory"] = _ => BodyMemoryBenchmark.RunAsync(Directory.GetCurrentDirectory()),
    ["large-delivery"] = _ => LargeDeliveryBenchmark.RunAsync(),
    ["rollout-monitor"] = _ => RolloutMonitorBenchmark.RunAsync(),
    ["notifications"] = _ => NotificationsBenchmark.RunAsync(),
    ["web-feed"] = _ => WebFeedBenchmark.RunAsync(),
};

if (args.Length != 1 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project tests/OpenFero.DaemonSet.Benchmarks -- {string.Join("|", benchmarks.Keys)}");
    return 2;
}

// SIGTERM and Ctrl+C stop a benchmark: the hosts it starts in-process handle the same signals and stop, so a
// benchmark that went on would only wait for them forever.
using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stop.Cancel();
}

using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
var run = benchmark(stop.Token);
var stopped = Task.Delay(Timeout.Infinite, stop.Token);
if (await Task.WhenAny(run, stopped) == stopped)
{
    // A benchmark that takes the token unwinds (its clusters and servers disposed); the others are left behind.
    await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None));
    await Console.Error.WriteLineAsync("stopped before the end: no figures");
    return 143;
}

await run;
return 0;

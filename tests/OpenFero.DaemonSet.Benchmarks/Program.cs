using OpenFero.DaemonSet.Benchmarks;

var benchmarks = new Dictionary<string, Func<Task>>(StringComparer.Ordinal)
{
    ["simulation"] = SimulatedClusterBenchmark.RunAsync,
    ["webhook"] = () => WebhookBenchmark.RunAsync(Directory.GetCurrentDirectory()),
    ["analysis"] = AnalysisBenchmark.RunAsync,
    ["remediation"] = () => RemediationBenchmark.RunAsync(Directory.GetCurrentDirectory()),
    ["body-memory"] = () => BodyMemoryBenchmark.RunAsync(Directory.GetCurrentDirectory()),
    ["large-delivery"] = LargeDeliveryBenchmark.RunAsync,
};

if (args.Length != 1 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project tests/OpenFero.DaemonSet.Benchmarks -- {string.Join("|", benchmarks.Keys)}");
    return 2;
}

await benchmark();
return 0;

using System.Diagnostics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Rollouts;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>
/// The rollout monitor on large-5000 (controllers off, so only what the benchmark does happens): the managed memory
/// it holds for the 5,000-pod DaemonSet (its watch caches and the model); the requests
/// it makes while a rollout of 500 nodes runs (by hand: the template, each old pod deleted and its new pod created,
/// the status) — lists must stay at zero after the first sync; and how long a status change takes to reach the
/// stream, beside a plain watch of the DaemonSet receiving the same change (the floor).
/// </summary>
internal static class RolloutMonitorBenchmark
{
    private const string Ns = "monitoring";
    private const string Name = "node-exporter";

    public static async Task RunAsync()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "large-5000", RunControllers = false }, CancellationToken.None);
        using var client = new k8s.Kubernetes(cluster.ClientConfiguration());

        // With the controllers off nobody writes the DaemonSet's status: it is written as the controller would.
        await client.AppsV1.PatchNamespacedDaemonSetStatusAsync(
            new V1Patch("""{"status":{"desiredNumberScheduled":5000,"currentNumberScheduled":5000,"numberReady":5000,"updatedNumberScheduled":5000,"numberAvailable":5000,"observedGeneration":1}}""", V1Patch.PatchType.MergePatch),
            Name, Ns);

        var beforeMonitor = GC.GetTotalMemory(forceFullCollection: true);
        cluster.Requests.Reset();
        using var monitor = new RolloutMonitor(client, Options.Create(new AnalysisOptions()), Options.Create(new RemediationPolicy()), TimeProvider.System, NullLogger<RolloutMonitor>.Instance);
        var sync = Stopwatch.StartNew();
        await monitor.StartAsync(CancellationToken.None);
        while (monitor.Get(Ns, Name) is not { Desired: 5000, PodsWatched: 5000 } || !monitor.Synced)
        {
            await Task.Delay(50);
        }

        var synced = sync.Elapsed;
        var modelHeld = GC.GetTotalMemory(forceFullCollection: true) - beforeMonitor;
        var toReplace = (await client.CoreV1.ListNamespacedPodAsync(Ns, limit: 500)).Items;
        var listsAtSync = (cluster.Requests.Count("list", "daemonsets"), cluster.Requests.Count("list", "pods"), cluster.Requests.Count("list", "nodes"));

        var (rolloutTime, nodes) = await RolloutByHandAsync(client, monitor, toReplace);
        var listsAfter = (cluster.Requests.Count("list", "daemonsets"), cluster.Requests.Count("list", "pods"), cluster.Requests.Count("list", "nodes"));
        var (stream, floor) = await StatusToStreamAsync(client, monitor, 41);
        await monitor.StopAsync(CancellationToken.None);

        Console.WriteLine("## Rollout monitor, large-5000 (RunControllers=false; the rollout is made by hand through the API)");
        Console.WriteLine($"first sync (DaemonSets listed, 5,000 pods listed and watched): {Measure.Ms(synced)}");
        Console.WriteLine($"managed memory the monitor holds after the sync (its caches of 5,000 pods and 5,000 nodes, and the model): {Measure.MiB(modelHeld)}");
        Console.WriteLine($"lists after the sync while a 500-node rollout ran ({Measure.Ms(rolloutTime)}, {nodes} nodes in the timeline): daemonsets {listsAfter.Item1 - listsAtSync.Item1}, pods {listsAfter.Item2 - listsAtSync.Item2}, nodes {listsAfter.Item3 - listsAtSync.Item3}");
        Console.WriteLine($"status change to the stream, median of 41: {Measure.Ms(stream)}; to a plain watch of the DaemonSet (floor): {Measure.Ms(floor)} ({stream / floor:0.00}x)");
    }

    /// <summary>What the DaemonSet controller does for a rollout on the nodes of <paramref name="pods"/>, done through the API.</summary>
    private static async Task<(TimeSpan Took, int Nodes)> RolloutByHandAsync(k8s.Kubernetes client, RolloutMonitor monitor, IList<V1Pod> pods)
    {
        var count = pods.Count;
        var watch = Stopwatch.StartNew();
        var daemonSet = await client.AppsV1.PatchNamespacedDaemonSetAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"node-exporter","image":"quay.io/prometheus/node-exporter:v1.9.0"}]}}}}""", V1Patch.PatchType.StrategicMergePatch),
            Name, Ns);
        var generation = daemonSet.Metadata.Annotations["deprecated.daemonset.template.generation"];
        var updated = 0;
        foreach (var old in pods)
        {
            await client.CoreV1.DeleteNamespacedPodAsync(old.Metadata.Name, Ns, gracePeriodSeconds: 0);
            var replacement = new V1Pod
            {
                Metadata = new V1ObjectMeta
                {
                    Name = old.Metadata.Name + "-next",
                    Labels = new Dictionary<string, string>(old.Metadata.Labels) { ["pod-template-generation"] = generation },
                    OwnerReferences = old.Metadata.OwnerReferences,
                },
                Spec = old.Spec,
            };
            replacement.Spec.NodeName = old.Spec.NodeName;
            await client.CoreV1.CreateNamespacedPodAsync(replacement, Ns);
            updated++;
            if (updated % 50 == 0)
            {
                await PatchStatusAsync(client, updated, 5000);
            }
        }

        while (monitor.Get(Ns, Name) is not { } view || view.Updated < count || view.Nodes.Count < count)
        {
            await Task.Delay(20);
        }

        return (watch.Elapsed, monitor.Get(Ns, Name)!.Nodes.Count);
    }

    /// <summary>Medians of the time from a status patch's request to the monitor's stream, and to a plain watch of the DaemonSet.</summary>
    private static async Task<(TimeSpan Stream, TimeSpan Floor)> StatusToStreamAsync(k8s.Kubernetes client, RolloutMonitor monitor, int samples)
    {
        using var stop = new CancellationTokenSource();
        var streamed = System.Threading.Channels.Channel.CreateUnbounded<(int Available, long At)>();
        var watched = System.Threading.Channels.Channel.CreateUnbounded<(int Available, long At)>();
        var streamTask = Task.Run(async () =>
        {
            await foreach (var view in monitor.WatchAsync(Ns, Name, stop.Token))
            {
                await streamed.Writer.WriteAsync((view.Available, Stopwatch.GetTimestamp()));
            }
        });
        var daemonSet = await client.AppsV1.ReadNamespacedDaemonSetAsync(Name, Ns);
        var watchTask = Task.Run(async () =>
        {
            try
            {
                await foreach (var (_, item) in client.AppsV1.WatchListNamespacedDaemonSetAsync(Ns, fieldSelector: $"metadata.name={Name}", resourceVersion: daemonSet.Metadata.ResourceVersion, cancellationToken: stop.Token))
                {
                    await watched.Writer.WriteAsync((item.Status?.NumberAvailable ?? 0, Stopwatch.GetTimestamp()));
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        var streamTimes = new List<TimeSpan>();
        var floorTimes = new List<TimeSpan>();
        for (var i = 0; i < samples; i++)
        {
            var available = 4000 + i;
            var sent = Stopwatch.GetTimestamp();
            await PatchStatusAsync(client, 500, available);
            streamTimes.Add(Stopwatch.GetElapsedTime(sent, await ArrivalAsync(streamed.Reader, available)));
            floorTimes.Add(Stopwatch.GetElapsedTime(sent, await ArrivalAsync(watched.Reader, available)));
        }

        await stop.CancelAsync();
        await Task.WhenAll(streamTask.ContinueWith(_ => { }, TaskScheduler.Default), watchTask);
        streamTimes.Sort();
        floorTimes.Sort();
        return (streamTimes[samples / 2], floorTimes[samples / 2]);
    }

    private static async Task<long> ArrivalAsync(System.Threading.Channels.ChannelReader<(int Available, long At)> reader, int available)
    {
        while (true)
        {
            var (seen, at) = await reader.ReadAsync();
            if (seen == available)
            {
                return at;
            }
        }
    }

    private static Task PatchStatusAsync(k8s.Kubernetes client, int updated, int available) =>
        client.AppsV1.PatchNamespacedDaemonSetStatusAsync(
            new V1Patch($$$"""{"status":{"updatedNumberScheduled":{{{updated}}},"numberAvailable":{{{available}}},"observedGeneration":2}}""", V1Patch.PatchType.MergePatch),
            Name, Ns);
}

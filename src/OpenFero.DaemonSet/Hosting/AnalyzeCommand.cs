using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// <c>analyze --namespace NS --daemonset NAME [--output text|json] [--kubeconfig PATH]</c>: a one-off report for a
/// person. Exit 0 with the report, 2 for bad arguments, 3 when the DaemonSet does not exist, 4 when the cluster
/// cannot be reached.
/// </summary>
public static class AnalyzeCommand
{
    private const string Usage = "usage: analyze --namespace NS --daemonset NAME [--output text|json] [--kubeconfig PATH]";

    public static async Task<int> RunAsync(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        if (args.Length % 2 != 0 || !values.TryGetValue("--namespace", out var ns) || !values.TryGetValue("--daemonset", out var name) ||
            values.Keys.Any(k => k is not ("--namespace" or "--daemonset" or "--output" or "--kubeconfig")) ||
            values.GetValueOrDefault("--output", "text") is not ("text" or "json"))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var time = TimeProvider.System;
        var pipeline = KubernetesResiliencePipeline.Build(new KubernetesOptions(), time);
        using var client = new k8s.Kubernetes(KubernetesRegistration.ClientConfiguration(values.GetValueOrDefault("--kubeconfig")), new ResilientKubernetesHandler(pipeline));
        DaemonSetSnapshot? snapshot;
        try
        {
            snapshot = await new DaemonSetSnapshotReader(client).ReadAsync(new DaemonSetTarget(ns, name), null, CancellationToken.None);
        }
        catch (Exception error) when (KubernetesFailures.IsUnavailable(error))
        {
            await Console.Error.WriteLineAsync($"Kubernetes could not be reached: {error.Message}");
            return 4;
        }

        if (snapshot is null)
        {
            await Console.Error.WriteLineAsync($"daemonset {ns}/{name} not found");
            return 3;
        }

        var report = DaemonSetAnalyzer.Analyze(snapshot, new AnalysisOptions(), time.GetUtcNow());
        Console.Write(values.GetValueOrDefault("--output", "text") == "json" ? ReportRendering.ToJson(report) + "\n" : ReportRendering.ToText(report));
        return 0;
    }
}

using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Tests.Analysis;

/// <summary>A DaemonSet of a simulated cluster read through the real client and analysed, as the server and the runner do.</summary>
internal static class ClusterAnalysis
{
    /// <summary>The report at <paramref name="at"/> (the cluster's own clock when not given), with the switches' defaults unless given.</summary>
    public static async Task<DaemonSetReport> AnalyzeAsync(SimulatedCluster cluster, string ns, string name, DateTimeOffset? at = null, AnalysisOptions? options = null)
    {
        using var client = new k8s.Kubernetes(cluster.ClientConfiguration());
        var snapshot = await new DaemonSetSnapshotReader(client).ReadAsync(new DaemonSetTarget(ns, name), null, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException($"daemonset {ns}/{name} not found");
        return DaemonSetAnalyzer.Analyze(snapshot, options ?? new AnalysisOptions(), at ?? cluster.Time.GetUtcNow());
    }

    /// <summary>Analyses until the report is what <paramref name="ready"/> waits for; a timeout shows the last report.</summary>
    public static Task<DaemonSetReport> AnalyzeUntilAsync(SimulatedCluster cluster, string ns, string name, Func<DaemonSetReport, bool> ready, string reason,
        TimeSpan? ahead = null, AnalysisOptions? options = null) =>
        Eventually.ReachesAsync(() => AnalyzeAsync(cluster, ns, name, cluster.Time.GetUtcNow() + (ahead ?? TimeSpan.Zero), options), ready, reason,
            describe: report => "the report:\n" + ReportRendering.ToText(report));
}

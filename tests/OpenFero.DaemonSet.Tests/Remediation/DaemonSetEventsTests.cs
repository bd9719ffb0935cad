using k8s.Models;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Tests.Remediation;

/// <summary>Events recorded by callers that name only the target (the server's): the DaemonSet is read for its uid and resourceVersion.</summary>
public sealed class DaemonSetEventsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_event_for_a_target_names_the_daemonset_as_read_and_its_action_by_reason()
    {
        await using var cluster = await RemediationScenarioTests.StartAsync("healthy");
        using var client = new k8s.Kubernetes(cluster.ClientConfiguration());
        var events = new DaemonSetEvents(client, TimeProvider.System);
        var ds = cluster.Store.GetRequired(ResourceTypes.DaemonSets, "monitoring", "node-exporter").As<V1DaemonSet>();

        await events.RecordAsync(new DaemonSetTarget("monitoring", "node-exporter"), "Analyzed", "rolled out", "Normal", Cancel);
        await events.RecordOnceAsync(new DaemonSetTarget("monitoring", "node-exporter"), "job-1.started", "RemediationStarted", "started", "Normal", Cancel);

        var recorded = Recorded(cluster);
        Assert.Equal(["Analyze", "Remediate"], recorded.Select(e => e.Action).Order(StringComparer.Ordinal));
        Assert.All(recorded, e => Assert.Equal(
            (ds.Metadata.Uid, true, DaemonSetEvents.ReportingController, "apps/v1"),
            (e.InvolvedObject.Uid, !string.IsNullOrEmpty(e.InvolvedObject.ResourceVersion), e.ReportingComponent, e.InvolvedObject.ApiVersion)));
    }

    [Fact]
    public async Task An_event_for_a_daemonset_that_is_gone_still_goes_out_without_a_uid_and_once_is_once()
    {
        await using var cluster = await RemediationScenarioTests.StartAsync("healthy");
        using var client = new k8s.Kubernetes(cluster.ClientConfiguration());
        var events = new DaemonSetEvents(client, TimeProvider.System);
        var gone = new DaemonSetTarget("monitoring", "gone");

        await events.RecordOnceAsync(gone, "gone.analysis", "AnalysisFailed", "daemonset not found", "Warning", Cancel);
        await events.RecordOnceAsync(gone, "gone.analysis", "AnalysisFailed", "daemonset not found", "Warning", Cancel);

        var recorded = Assert.Single(Recorded(cluster));
        Assert.Equal(("gone", null, "Analyze", "Warning"), (recorded.InvolvedObject.Name, recorded.InvolvedObject.Uid, recorded.Action, recorded.Type));
    }

    private static List<Corev1Event> Recorded(SimulatedCluster cluster) =>
        [.. RemediationScenarioTests.Events(cluster, "monitoring").Where(e => e.Source?.Component == DaemonSetEvents.Component)];
}

using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Tests.Peers;
using OpenFero.DaemonSet.Tests.Remediation;

namespace OpenFero.DaemonSet.Tests.Guards;

/// <summary>
/// A simulated cluster beside Debian's real Alertmanager 0.25, and the remediate verb run against both, as a Job's
/// container runs it with <c>Alertmanager__Url</c> set. The Alertmanager's own webhook receiver is a port nobody
/// listens on: these tests speak to its API only.
/// </summary>
internal sealed class GuardedCluster : IAsyncDisposable
{
    private GuardedCluster(SimulatedCluster cluster, AlertmanagerProcess alertmanager)
    {
        Cluster = cluster;
        Alertmanager = alertmanager;
    }

    public SimulatedCluster Cluster { get; }
    public AlertmanagerProcess Alertmanager { get; }

    public static async Task<GuardedCluster> StartAsync(string scenario)
    {
        var alertmanager = await AlertmanagerProcess.StartAsync($"http://127.0.0.1:{PeerBinary.FreePort()}/alerts");
        return new GuardedCluster(await RemediationScenarioTests.StartAsync(scenario), alertmanager);
    }

    /// <summary>The remediate verb for <paramref name="ns"/>/<paramref name="name"/>, asking this Alertmanager.</summary>
    public Task<RemediationOutcome> RemediateAsync(string ns, string name, params (string Key, string Value)[] settings) =>
        RemediationScenarioTests.RemediateAsync(Cluster, ns, name, [("Alertmanager__Url", Alertmanager.Address.ToString()), .. settings]);

    /// <summary>The silences Alertmanager holds, as its v2 API answers them.</summary>
    public async Task<JsonArray> SilencesAsync() =>
        JsonNode.Parse(await Alertmanager.Http.GetStringAsync(new Uri("api/v2/silences", UriKind.Relative), TestContext.Current.CancellationToken))!.AsArray();

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Alertmanager.DisposeAsync();
    }
}

using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Hosting;

/// <summary>
/// A rolling update stops every replica with SIGTERM: that is a normal stop, so it must leave no error in the
/// logs (log-based alerting would page on each one) and end the process promptly with exit code 0.
/// </summary>
[Collection(StopTimingCollection.Name)]
public sealed class ServerShutdownTests
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_server_stopped_by_SIGTERM_exits_0_within_5_s_and_logs_no_error()
    {
        await using var cluster = await ServerHost.StartClusterAsync();
        await using var server = HostProcess.Start("OpenFero.DaemonSet.dll", ["serve", "--urls", "http://127.0.0.1:0", "--Kubernetes:Kubeconfig", cluster.Kubeconfig]);
        var listening = await server.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), "\"Now listening on\" log event");
        using var http = new HttpClient { BaseAddress = new Uri(JsonNode.Parse(listening)!["address"]!.GetValue<string>()) };
        await Eventually.ReachesAsync(() => http.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken), answer => answer.IsSuccessStatusCode,
            "/readyz to answer 200", TimeSpan.FromSeconds(60), describe: answer => $"{(int)answer.StatusCode}; the output:\n{server.Output}");
        // Both list+watch loops are inside their watch, where a stop lands in production.
        await Eventually.ReachesAsync(() => (Jobs: cluster.Cluster.Requests.Count("watch", "jobs"), Operariuses: cluster.Cluster.Requests.Count("watch", "operariuses")),
            watches => watches.Jobs > 0 && watches.Operariuses > 0, "the Job and Operarius watches to be open", TimeSpan.FromSeconds(60),
            describe: watches => $"{watches}; the output:\n{server.Output}");

        await server.TerminateAsync();
        var exit = await server.WaitForExitAsync(StopBound);

        Assert.True(exit is not null, $"still running {StopBound} after SIGTERM:\n{server.Output}");
        Assert.Equal(0, exit);
        var errors = server.Lines.Where(HostProcess.IsErrorOrWorse).ToList();
        Assert.True(errors.Count == 0, $"a normal stop logged errors:\n{string.Join('\n', errors)}");
    }
}

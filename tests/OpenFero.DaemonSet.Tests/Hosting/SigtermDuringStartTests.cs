namespace OpenFero.DaemonSet.Tests.Hosting;

/// <summary>
/// A pod can be stopped while it is still starting (a rollout that moves on, a node drained at the wrong moment):
/// that is a normal stop too. Before the server listens, SIGTERM cancels Kestrel's bind; the process must still
/// end promptly, cleanly and without an error in its log, not abort with an unhandled exception (exit 134).
/// </summary>
[Collection(StopTimingCollection.Name)]
public sealed class SigtermDuringStartTests
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_server_stopped_while_it_starts_exits_cleanly_and_logs_no_error()
    {
        var folder = Directory.CreateTempSubdirectory("openfero-start-").FullName;
        var kubeconfig = Path.Combine(folder, "kubeconfig");
        // Nothing answers there: start-up does not wait for Kubernetes, and nothing else is needed to start.
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: none, cluster: {server: "http://127.0.0.1:9"}}]
            users: [{name: none, user: {token: none}}]
            contexts: [{name: none, context: {cluster: none, user: none}}]
            current-context: none
            """, TestContext.Current.CancellationToken);

        // Signals at the points of start-up the host's own debug log marks: before the host runs (its signal handler
        // may not exist yet: the runtime's default, 143), as it starts (Kestrel not bound yet: the case that
        // aborted), once it listens, and once it has started (0).
        foreach (var (moment, line) in new (string, string?)[]
        {
            ("before the host runs", null), ("as the host starts", "Hosting starting"), ("once it listens", "Now listening on"), ("once it has started", "Hosting started"),
        })
        {
            await using var server = HostProcess.Start("OpenFero.DaemonSet.dll",
                ["serve", "--urls", "http://127.0.0.1:0", "--kubeconfig", kubeconfig, "--Serilog:MinimumLevel:Default", "Debug"]);
            if (line is not null)
            {
                await server.WaitForLineAsync(l => l.Contains(line, StringComparison.Ordinal), $"the \"{line}\" log event");
            }

            await server.TerminateAsync();
            var exit = await server.WaitForExitAsync(StopBound);

            Assert.True(exit is not null, $"still running {StopBound} after SIGTERM {moment}:\n{server.Output}");
            Assert.True(exit is 0 or 143, $"SIGTERM {moment} ended with exit {exit}:\n{server.Output}");
            var errors = server.Lines.Where(HostProcess.IsErrorOrWorse).ToList();
            Assert.True(errors.Count == 0, $"SIGTERM {moment} logged errors:\n{string.Join('\n', errors)}");
        }

        Directory.Delete(folder, recursive: true);
    }
}

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

        // Start-up takes a second or more here; signals at several points of it land before the host's handler
        // exists (the runtime's default: 143), during the start (the case that aborted) or once it listens (0).
        foreach (var delay in new[] { 250, 500, 750, 1000, 1500, 2000 })
        {
            await using var server = HostProcess.Start("OpenFero.DaemonSet.dll", ["serve", "--urls", "http://127.0.0.1:0", "--kubeconfig", kubeconfig]);
            // The delay is the stimulus, not a wait: start-up shows nothing before it listens, so the moment of the
            // signal inside it can only be chosen by time.
            await Task.Delay(delay, TestContext.Current.CancellationToken);
            await server.TerminateAsync();
            var exit = await server.WaitForExitAsync(StopBound);

            Assert.True(exit is not null, $"still running {StopBound} after SIGTERM at {delay} ms:\n{server.Output}");
            Assert.True(exit is 0 or 143, $"SIGTERM at {delay} ms ended with exit {exit}:\n{server.Output}");
            var errors = server.Lines.Where(HostProcess.IsErrorOrWorse).ToList();
            Assert.True(errors.Count == 0, $"SIGTERM at {delay} ms logged errors:\n{string.Join('\n', errors)}");
        }

        Directory.Delete(folder, recursive: true);
    }

}

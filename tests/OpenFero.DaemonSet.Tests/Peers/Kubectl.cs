using System.Diagnostics;

namespace OpenFero.DaemonSet.Tests.Peers;

/// <summary>The real kubectl against a kubeconfig, as a person types it: its exit code and what it printed.</summary>
internal sealed class Kubectl(string kubeconfig)
{
    private readonly string binary = PeerBinary.Require("kubernetes-client", "kubectl");
    private readonly string cacheDirectory = Path.Combine(Path.GetTempPath(), $"kubectl-cache-{Guid.NewGuid():N}");

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["--kubeconfig", kubeconfig, "--cache-dir", cacheDirectory, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>What kubectl printed, once it exits 0.</summary>
    public async Task<string> OutputAsync(params string[] arguments)
    {
        var (exit, output) = await RunAsync(arguments);
        Assert.True(exit == 0, $"kubectl {string.Join(' ', arguments)} exited {exit}:\n{output}");
        return output;
    }
}

using System.Diagnostics;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Simulation.Tests.Kubectl;

/// <summary>
/// Runs the real kubectl against a simulated cluster, with its own kubeconfig and discovery cache. Without
/// kubectl the test skips locally and fails in CI (where CI is set), saying how to install it.
/// </summary>
internal sealed class KubectlRunner : IDisposable
{
    private const string Missing = "kubectl not found on PATH: install it (apt-get install kubernetes-client)";
    private readonly string folder = Directory.CreateTempSubdirectory("kubectl-").FullName;

    public KubectlRunner(SimulatedCluster cluster)
    {
        Binary = Find() ?? Unavailable();
        cluster.WriteKubeconfig(Path.Combine(folder, "kubeconfig"));
    }

    public string Binary { get; }

    public string Folder => folder;

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(string arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Binary, $"--kubeconfig {Path.Combine(folder, "kubeconfig")} --cache-dir {Path.Combine(folder, "cache")} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"kubectl {arguments} did not exit within {timeout ?? TimeSpan.FromSeconds(60)}: {await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    public async Task<string> SucceedAsync(string arguments)
    {
        var (code, output, error) = await RunAsync(arguments);
        Assert.True(code == 0, $"kubectl {arguments} exited {code}: {error}");
        return output;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "kubectl"))
            .FirstOrDefault(File.Exists);

    private static string Unavailable()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail(Missing);
        }

        Assert.Skip(Missing);
        return "";
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using OpenFero.DaemonSet.Playground;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>
/// The built server as its own process (<c>dotnet OpenFero.DaemonSet.dll serve</c>) against a simulated cluster
/// in this process, so the server's resident memory is its own and can be read from /proc.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly SimulatedCluster cluster;
    private readonly string folder;

    private ServerProcess(Process process, SimulatedCluster cluster, string folder, Uri url)
    {
        this.process = process;
        this.cluster = cluster;
        this.folder = folder;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<ServerProcess> StartAsync(string repositoryRoot, params string[] settings)
    {
        var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "stuck-rollout" }, CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("openfero-bench-").FullName;
        var kubeconfig = Path.Combine(folder, "kubeconfig");
        cluster.WriteKubeconfig(kubeconfig);
        await PlaygroundSystem.InstallOperariiAsync(cluster, CancellationToken.None);

        // Port 0: the server binds a free port itself and says which in its "Now listening on" line.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     ServerDll(repositoryRoot), "serve", "--urls", "http://127.0.0.1:0", "--kubeconfig", kubeconfig,
                     "--Serilog:MinimumLevel:Default", "Warning", "--Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Information",
                 }.Concat(settings))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the server did not start");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null && ListeningAddress().Match(line.Data) is { Success: true } address)
            {
                listening.TrySetResult(new Uri(address.Groups[1].Value));
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                Console.Error.WriteLine(line.Data);
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"the server exited with {process.ExitCode} before listening"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var url = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var server = new ServerProcess(process, cluster, folder, url);
        using var http = new HttpClient();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if ((await http.GetAsync(new Uri(url, "/readyz"))).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException) when (attempt < 600)
            {
            }

            // The caches sync in the background: readiness is polled, as a kubelet would.
            await Task.Delay(100);
        }
    }

    /// <summary>The server's resident set size (VmRSS of /proc/PID/status).</summary>
    public long RssBytes()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        // Only the process this benchmark started, by its own handle.
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        await cluster.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>The server built beside this benchmark (Release when the benchmark runs in Release).</summary>
    private static string ServerDll(string repositoryRoot)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(repositoryRoot, "src", "OpenFero.DaemonSet", "bin", configuration, "net10.0", "OpenFero.DaemonSet.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build the server first", dll);
    }

    [GeneratedRegex("\"address\":\"(http://[^\"]+)\"")]
    private static partial Regex ListeningAddress();
}

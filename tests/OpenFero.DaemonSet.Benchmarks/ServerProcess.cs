using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OpenFero.DaemonSet.Playground;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>
/// The built server as its own process (<c>dotnet OpenFero.DaemonSet.dll serve</c>) against a simulated cluster
/// in this process, so the server's resident memory is its own and can be read from /proc.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
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

        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { ServerDll(repositoryRoot), "serve", "--urls", url.ToString(), "--kubeconfig", kubeconfig, "--Serilog:MinimumLevel:Default", "Warning" }.Concat(settings))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                Console.Error.WriteLine(line.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

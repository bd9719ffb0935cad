using System.Diagnostics;
using System.Text;

namespace OpenFero.DaemonSet.Tests.Peers;

/// <summary>
/// A peer program started for one test on a loopback port, in its own temporary folder: its output is
/// kept for failure messages, it is ready when its readiness path answers, and disposing kills it.
/// </summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private PeerProcess(Process process, string folder, Uri address)
    {
        this.process = process;
        Folder = folder;
        Http = new HttpClient { BaseAddress = address };
    }

    public string Folder { get; }
    public HttpClient Http { get; }
    public Uri Address => Http.BaseAddress!;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the peer on a port free at the time of asking. The peer binds it only later and cannot be told to bind
    /// port 0 and say which it got, so a start that loses the port to another process in between is retried on a new one.
    /// </summary>
    public static async Task<PeerProcess> StartAsync(string binary, string folder, Func<int, string> argumentsForPort, string readinessPath)
    {
        const int Attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var port = PeerBinary.FreePort();
            var process = Process.Start(new ProcessStartInfo(binary, argumentsForPort(port)) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var peer = new PeerProcess(process, folder, new Uri($"http://127.0.0.1:{port}/"));
            process.ErrorDataReceived += (_, e) => peer.Append(e.Data);
            process.OutputDataReceived += (_, e) => peer.Append(e.Data);
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var state = await Eventually.ReachesAsync(() => peer.ReadinessAsync(readinessPath), s => s is "ready" or "exited",
                $"{Path.GetFileName(binary)} to answer {readinessPath} on port {port}", TimeSpan.FromSeconds(30), describe: s => $"{s}; its output:\n{peer.Output}");
            if (state == "ready")
            {
                return peer;
            }

            var output = peer.Output;
            await peer.StopAsync();
            if (attempt == Attempts || !output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                Directory.Delete(folder, recursive: true);
                Assert.Fail($"{Path.GetFileName(binary)} exited before it was ready (attempt {attempt} of {Attempts}, port {port}):\n{output}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(Folder, recursive: true);
    }

    private async Task<string> ReadinessAsync(string readinessPath)
    {
        if (process.HasExited)
        {
            return "exited";
        }

        try
        {
            using var answer = await Http.GetAsync(new Uri(readinessPath, UriKind.Relative), TestContext.Current.CancellationToken);
            return answer.IsSuccessStatusCode ? "ready" : $"answering {(int)answer.StatusCode}";
        }
        catch (HttpRequestException error)
        {
            return $"not listening yet ({error.Message})";
        }
    }

    private async Task StopAsync()
    {
        Http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}

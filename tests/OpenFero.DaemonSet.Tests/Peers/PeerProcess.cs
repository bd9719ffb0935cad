using System.Diagnostics;
using System.Text;

namespace OpenFero.DaemonSet.Tests.Peers;

/// <summary>
/// A peer program started for one test on a free loopback port, in its own temporary folder: its output is
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

    public static async Task<PeerProcess> StartAsync(string binary, string folder, int port, string arguments, string readinessPath)
    {
        var process = Process.Start(new ProcessStartInfo(binary, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var peer = new PeerProcess(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        process.ErrorDataReceived += (_, e) => peer.Append(e.Data);
        process.OutputDataReceived += (_, e) => peer.Append(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        for (var attempt = 0; attempt < 150; attempt++)
        {
            try
            {
                if ((await peer.Http.GetAsync(new Uri(readinessPath, UriKind.Relative))).IsSuccessStatusCode)
                {
                    return peer;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        var log = peer.Output;
        await peer.DisposeAsync();
        throw new InvalidOperationException($"{Path.GetFileName(binary)} did not become ready:\n{log}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private void Append(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}

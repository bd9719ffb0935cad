using System.Diagnostics;

namespace OpenFero.DaemonSet.Tests.Hosting;

/// <summary>
/// One of the project's executables as an operator runs it: <c>dotnet its.dll ...</c> in a child process whose
/// output lines are kept, stopped with a real SIGTERM as Kubernetes and systemd stop it. Disposing kills it if
/// it is still there.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];

    private HostProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    public string Output => string.Join('\n', Lines);

    /// <summary>A CLEF event at Error or Fatal, or anything the runtime wrote about an unhandled exception.</summary>
    public static bool IsErrorOrWorse(string line)
    {
        if (line.Contains("Unhandled exception", StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(line)?["@l"]?.GetValue<string>() is "Error" or "Fatal";
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>Starts <paramref name="assembly"/> (a dll beside the tests, or a path) with <c>dotnet</c>.</summary>
    public static HostProcess Start(string assembly, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var host = new HostProcess(Process.Start(start)!);
        host.process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits for an output line that <paramref name="match"/> accepts; fails naming what was awaited.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string awaited, TimeSpan? within = null) =>
        (await Eventually.ReachesAsync(() =>
            {
                var line = Lines.FirstOrDefault(match);
                if (line is null && process.HasExited)
                {
                    Assert.Fail($"the process exited ({process.ExitCode}) before {awaited}:\n{Output}");
                }

                return line;
            }, line => line is not null, awaited, within ?? TimeSpan.FromSeconds(90), describe: _ => "the output:\n" + Output))!;

    /// <summary>Sends SIGTERM (what <c>kubectl delete pod</c> and <c>docker stop</c> send first).</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The exit code, or null when the process is still running after <paramref name="within"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode;
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }
}

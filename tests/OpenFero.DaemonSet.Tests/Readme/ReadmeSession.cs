using System.Diagnostics;
using System.Text;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Readme;

/// <summary>
/// Runs README command lines as a user would in a terminal at the repository's root: each line with bash, the
/// <c>export</c>s of earlier lines in its environment. Three changes, none to what a command does: <c>dotnet run</c>
/// uses what <c>dotnet test</c> built (<c>--no-build</c>), and the text replacements the test gives (a free port for
/// <c>8080</c>, a folder of its own for the playground). Commands that keep running are stopped by the PID this
/// session started, with their children.
/// </summary>
internal sealed class ReadmeSession(IReadOnlyDictionary<string, string> replacements, IReadOnlyDictionary<string, string>? environment = null) : IAsyncDisposable
{
    /// <summary>How long a command may take to succeed: a first <c>dotnet run</c> and a rollout take seconds each on a loaded machine.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan OneRun = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan WatchQuiet = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, string> environment = new(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal);
    private readonly List<(string Shell, Process Process, StringBuilder Output)> running = [];

    public string Rewrite(string shell)
    {
        var rewritten = shell.Replace("dotnet run --project ", "dotnet run --no-build --project ", StringComparison.Ordinal);
        foreach (var (from, to) in replacements)
        {
            rewritten = rewritten.Replace(from, to, StringComparison.Ordinal);
        }

        return rewritten;
    }

    public async Task RunAsync(ReadmeCommand command)
    {
        var shell = Rewrite(command.Shell);
        if (command.Export is { } name)
        {
            // The value as bash makes it ($PWD, $(...), quotes), kept for the lines after it.
            var exported = await RunToExitAsync($"{shell} && printf '%s' \"${name}\"");
            Assert.True(exported.ExitCode == 0, $"`{shell}` failed: {exported.Output}");
            environment[name] = exported.Output.TrimEnd('\n');
            return;
        }

        if (command.KeepsRunning)
        {
            var (process, output) = Start(shell);
            running.Add((shell, process, output));
            return;
        }

        if (command.IsWatch)
        {
            await WatchAsync(shell);
            return;
        }

        await Eventually.ReachesAsync(
            () => RunToExitAsync(shell),
            run => run.ExitCode == 0 && command.Shows.All(shown => run.Output.Contains(shown, StringComparison.Ordinal)),
            $"README command `{command.Shell}` (run as `{shell}`) exits 0{(command.Shows.Count == 0 ? "" : " showing " + string.Join(", ", command.Shows))}",
            Bound,
            run => $"exit {run.ExitCode}:\n{run.Output}\n{Background()}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, process, _) in running)
        {
            await StopAsync(process);
        }
    }

    /// <summary>
    /// A watch (<c>-w</c>, <c>logs -f</c>) prints what it watches and keeps going: it must not fail, and it passes once
    /// it prints or, still running, has waited <see cref="WatchQuiet"/> for something to happen (a Job watch before any Job).
    /// </summary>
    private async Task WatchAsync(string shell)
    {
        var (process, output) = Start(shell);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await Eventually.HoldsAsync(
                () =>
                {
                    Assert.False(process.HasExited && process.ExitCode != 0, $"`{shell}` failed with exit {(process.HasExited ? process.ExitCode : 0)}:\n{Read(output)}");
                    return Read(output).Contains('\n', StringComparison.Ordinal) || (!process.HasExited && System.Diagnostics.Stopwatch.GetElapsedTime(started) > WatchQuiet);
                },
                $"`{shell}` prints what it watches, or keeps watching",
                Bound);
        }
        finally
        {
            await StopAsync(process);
        }
    }

    private async Task<(int ExitCode, string Output)> RunToExitAsync(string shell)
    {
        var (process, output) = Start(shell);
        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(OneRun);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                await StopAsync(process);
                return (-1, $"still running after {OneRun.TotalSeconds} s:\n{Read(output)}");
            }

            return (process.ExitCode, Read(output));
        }
    }

    private (Process Process, StringBuilder Output) Start(string shell)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(shell);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    private string Background() =>
        string.Join("\n", running.Select(r => $"--- `{r.Shell}` (pid {r.Process.Id}{(r.Process.HasExited ? $", exited {r.Process.ExitCode}" : "")}), last lines:\n{Tail(Read(r.Output))}"));

    private static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already reaped.
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.Append(line).Append('\n');
            }
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(15));
}

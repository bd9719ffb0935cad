using System.Diagnostics;

namespace OpenFero.DaemonSet.Tests.Hosting;

/// <summary>
/// One run of an executable built beside the tests (<c>dotnet its.dll ...</c>) to its end, its output and its errors
/// kept apart, as a person at a terminal or a Job's log would see them.
/// </summary>
internal sealed record ProgramRun(int Exit, string Output, string Errors)
{
    /// <summary>Far beyond a normal run: past it the process is stopped (by its own handle) and the test fails.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    public IReadOnlyList<string> ErrorLines => Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static async Task<ProgramRun> RunAsync(string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
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

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(Bound);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Fail($"{assembly} {string.Join(' ', start.ArgumentList.Skip(1))} still ran after {Bound}:\n{await output}\n{await errors}");
        }

        return new ProgramRun(process.ExitCode, await output, await errors);
    }

    /// <summary>Exit 2 and one line on stderr, without a stack trace: how every user's mistake ends.</summary>
    public void AssertUserError(params string[] naming)
    {
        Assert.True(Exit == 2, $"exit {Exit}, not 2:\n{Output}\n{Errors}");
        Assert.True(ErrorLines.Count == 1, $"not one line on stderr:\n{Errors}");
        Assert.DoesNotContain("   at ", Output + Errors, StringComparison.Ordinal);
        foreach (var word in naming)
        {
            Assert.Contains(word, ErrorLines[0], StringComparison.Ordinal);
        }
    }
}

using System.Diagnostics;

namespace OpenFero.DaemonSet.Tests.Install;

/// <summary>One run of an installed tool (kubectl, promtool) to its end, its output and its errors kept apart.</summary>
internal sealed record ToolRun(string Command, int Exit, string Output, string Errors)
{
    /// <summary>Far beyond a normal run: past it the process is stopped (by its own handle) and the test fails.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);

    public static async Task<ToolRun> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var command = $"{Path.GetFileName(tool)} {string.Join(' ', arguments)}";
        var cancel = TestContext.Current.CancellationToken;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancel);
        var errors = process.StandardError.ReadToEndAsync(cancel);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        bound.CancelAfter(Bound);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            process.Kill();
            await process.WaitForExitAsync(cancel);
            Assert.Fail($"{command} still ran after {Bound}:\n{await output}\n{await errors}");
        }

        return new ToolRun(command, process.ExitCode, await output, await errors);
    }

    /// <summary>The output of a run that must succeed; otherwise the test fails with everything the tool said.</summary>
    public string SucceededOutput()
    {
        Assert.True(Exit == 0, $"{Command} exited {Exit}:\n{Output}\n{Errors}");
        return Output;
    }
}

using System.Diagnostics;

namespace OpenFero.DaemonSet.Tests.Alerting;

/// <summary>Polls for a condition with a bounded timeout; the failure says what was awaited and what was seen.</summary>
internal static class Eventually
{
    public static Task HoldsAsync(Func<bool> condition, string awaited) =>
        HoldsAsync(() => Task.FromResult(condition()), () => awaited);

    public static Task HoldsAsync(Func<bool> condition, Func<string> awaited) =>
        HoldsAsync(() => Task.FromResult(condition()), awaited);

    public static Task HoldsAsync(Func<Task<bool>> condition, string awaited) =>
        HoldsAsync(condition, () => awaited);

    public static async Task HoldsAsync(Func<Task<bool>> condition, Func<string> awaited)
    {
        var until = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (!await condition())
        {
            if (Stopwatch.GetTimestamp() > until)
            {
                Assert.Fail($"timed out after 10 s waiting for: {awaited()}");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}

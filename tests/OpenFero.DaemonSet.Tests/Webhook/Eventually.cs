using System.Diagnostics;

namespace OpenFero.DaemonSet.Tests.Webhook;

/// <summary>Polls for a condition with a bounded timeout; the failure says what was awaited and what was seen.</summary>
internal static class Eventually
{
    public static Task HoldsAsync(Func<bool> condition, string awaited) =>
        HoldsAsync(() => Task.FromResult(condition()), () => awaited);

    public static Task HoldsAsync(Func<bool> condition, Func<string> awaited) =>
        HoldsAsync(() => Task.FromResult(condition()), awaited);

    public static Task HoldsAsync(Func<Task<bool>> condition, string awaited, TimeSpan? within = null) =>
        HoldsAsync(condition, () => awaited, within);

    public static async Task HoldsAsync(Func<Task<bool>> condition, Func<string> awaited, TimeSpan? within = null)
    {
        var bound = within ?? TimeSpan.FromSeconds(10);
        var until = Stopwatch.GetTimestamp() + (long)(bound.TotalSeconds * Stopwatch.Frequency);
        while (!await condition())
        {
            if (Stopwatch.GetTimestamp() > until)
            {
                Assert.Fail($"timed out after {bound.TotalSeconds:0} s waiting for: {awaited()}");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}

namespace OpenFero.DaemonSet.Tests.Remediation;

/// <summary>Polls a condition with a bound, failing with what was awaited.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string awaited, TimeSpan? within = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (within ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.Fail($"timed out waiting for {awaited}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}

namespace OpenFero.DaemonSet.Tests.Infrastructure;

/// <summary>The one wait every test uses: a failure says what was awaited and what was seen last.</summary>
public sealed class EventuallyTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task A_wait_that_runs_out_names_its_reason_and_the_last_value_seen()
    {
        var looks = 0;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Eventually.ReachesAsync(() => ++looks, n => n < 0, "the count to go negative", Short));

        Assert.Contains("the count to go negative", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Last observed: {looks}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_look_that_throws_counts_as_not_yet_and_the_failure_shows_the_exception()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Eventually.HoldsAsync(
            () => throw new InvalidOperationException("no such Job yet"), "the Job to exist", Short));

        Assert.Contains("the Job to exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: no such Job yet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_assertion_inside_a_look_ends_the_wait_at_once()
    {
        var looks = 0;

        await Assert.ThrowsAnyAsync<Exception>(() => Eventually.HoldsAsync(() =>
        {
            looks++;
            Assert.Fail("the process exited");
            return false;
        }, "the process to answer", TimeSpan.FromMinutes(5)));

        Assert.Equal(1, looks);
    }

    [Fact]
    public async Task The_value_that_satisfies_the_condition_is_returned()
    {
        var looks = 0;

        var seen = await Eventually.ReachesAsync(() => ++looks, n => n >= 3, "a third look");

        Assert.Equal(3, seen);
    }
}

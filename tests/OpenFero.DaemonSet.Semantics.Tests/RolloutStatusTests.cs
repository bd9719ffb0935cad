namespace OpenFero.DaemonSet.Semantics.Tests;

public sealed class RolloutStatusTests
{
    // kubectl's TestDaemonSetStatusViewerStatus vectors.
    [Theory]
    [InlineData(0, 1, 0, 1, 0, "Waiting for daemon set \"foo\" rollout to finish: 0 out of 1 new pods have been updated...\n", false)]
    [InlineData(1, 1, 2, 2, 1, "Waiting for daemon set \"foo\" rollout to finish: 1 of 2 updated pods are available...\n", false)]
    [InlineData(1, 1, 2, 2, 2, "daemon set \"foo\" successfully rolled out\n", true)]
    [InlineData(2, 1, 2, 2, 2, "Waiting for daemon set spec update to be observed...\n", false)]
    public void Messages_match_kubectl_word_for_word(long generation, long observed, int updated, int desired, int available, string message, bool done)
    {
        var result = RolloutStatus.Evaluate(Build.DaemonSet(generation: generation, observedGeneration: observed, updated: updated, desired: desired, available: available));

        Assert.Equal(message, result.Message);
        Assert.Equal(done, result.Done);
        Assert.Null(result.Error);
    }

    [Fact]
    public void OnDelete_is_an_error_that_counts_as_done()
    {
        var result = RolloutStatus.Evaluate(Build.DaemonSet(strategy: "OnDelete"));

        Assert.Equal("rollout status is only available for RollingUpdate strategy type", result.Error);
        Assert.True(result.Done);
    }

    [Fact]
    public void RestartedAt_is_go_rfc3339_to_the_second()
    {
        var at = new DateTimeOffset(2026, 11, 23, 10, 4, 5, 678, TimeSpan.Zero);

        Assert.Equal("2026-11-23T10:04:05Z", RestartedAt.Format(at));
        Assert.Equal("2026-11-23T11:04:05+01:00", RestartedAt.Format(at.ToOffset(TimeSpan.FromHours(1))));
    }
}

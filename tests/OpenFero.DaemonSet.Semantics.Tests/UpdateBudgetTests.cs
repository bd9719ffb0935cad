namespace OpenFero.DaemonSet.Semantics.Tests;

public sealed class UpdateBudgetTests
{
    [Theory]
    [InlineData("1", "0", 10, 1, 0)]
    [InlineData("25%", "0", 10, 3, 0)]
    [InlineData("10%", "0", 5, 1, 0)]
    [InlineData("0", "1", 10, 0, 1)]
    [InlineData("0", "30%", 10, 0, 3)]
    [InlineData("0", "0", 4, 1, 0)]
    [InlineData("0%", "0%", 0, 0, 0)]
    public void Percentages_round_up_and_zero_zero_becomes_one(string maxUnavailable, string maxSurge, int desired, int unavailable, int surge)
    {
        var budget = UpdateBudget.Resolve(Build.DaemonSet(maxUnavailable: maxUnavailable, maxSurge: maxSurge), desired);

        Assert.Equal(new UpdateBudget(unavailable, surge), budget);
    }

    [Fact]
    public void OnDelete_has_no_budget()
    {
        Assert.Equal(new UpdateBudget(0, 0), UpdateBudget.Resolve(Build.DaemonSet(strategy: "OnDelete"), 10));
    }
}

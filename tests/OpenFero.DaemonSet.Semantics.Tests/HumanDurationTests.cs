namespace OpenFero.DaemonSet.Semantics.Tests;

public sealed class HumanDurationTests
{
    // The vectors of k8s.io/apimachinery/pkg/util/duration's TestHumanDuration, and each boundary between its precisions.
    [Theory]
    [InlineData(-2, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(1, "1s")]
    [InlineData(3, "3s")]
    [InlineData(70, "70s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(125, "2m5s")]
    [InlineData(190, "3m10s")]
    [InlineData(599, "9m59s")]
    [InlineData(600, "10m")]
    [InlineData(20 * 60, "20m")]
    [InlineData(70 * 60, "70m")]
    [InlineData(179 * 60 + 59, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 20 * 60, "3h20m")]
    [InlineData(5 * 3600 + 2 * 60 + 59, "5h2m")]
    [InlineData(7 * 3600 + 59 * 60, "7h59m")]
    [InlineData(8 * 3600, "8h")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(47 * 3600 + 59 * 60, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(49 * 3600, "2d1h")]
    [InlineData(51 * 3600, "2d3h")]
    [InlineData(3 * 86400 + 5 * 3600, "3d5h")]
    [InlineData(8 * 86400, "8d")]
    [InlineData(40 * 86400, "40d")]
    [InlineData(367 * 86400, "367d")]
    [InlineData(2 * 365 * 86400 - 1, "729d")]
    [InlineData(2 * 365 * 86400, "2y")]
    [InlineData((365 * 2 * 24 + 25) * 3600L, "2y1d")]
    [InlineData(3 * 365 * 86400 + 10 * 86400, "3y10d")]
    [InlineData(8 * 365 * 86400, "8y")]
    [InlineData(10 * 365 * 86400 + 100 * 86400, "10y")]
    public void Reads_like_kubectl(long seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Fractions_of_a_second_are_cut_not_rounded() =>
        Assert.Equal("3m10s", HumanDuration.Format(TimeSpan.Parse("00:03:10.9457538", System.Globalization.CultureInfo.InvariantCulture)));
}

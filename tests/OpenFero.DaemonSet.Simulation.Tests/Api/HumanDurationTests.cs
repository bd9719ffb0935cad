using OpenFero.DaemonSet.Simulation.Api.Tables;

namespace OpenFero.DaemonSet.Simulation.Tests.Api;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(125, "2m5s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 20 * 60, "3h20m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(3 * 86400 + 5 * 3600, "3d5h")]
    [InlineData(40 * 86400, "40d")]
    [InlineData(3 * 365 * 86400 + 10 * 86400, "3y10d")]
    public void Ages_read_like_kubectl(long seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
}

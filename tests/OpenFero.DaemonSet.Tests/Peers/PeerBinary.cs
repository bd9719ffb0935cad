namespace OpenFero.DaemonSet.Tests.Peers;

/// <summary>
/// A real peer program from Debian's packages. Missing, a test fails in CI (where CI is set, and .ci/run
/// installs it) and skips elsewhere, saying which package to install.
/// </summary>
internal static class PeerBinary
{
    public static string Require(string package, params string[] names)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
        if (path is not null)
        {
            return path;
        }

        var message = $"{names[0]} not found on PATH: install it (apt-get install {package})";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return "";
    }

    /// <summary>A loopback port free at the time of asking, for a peer that cannot bind port 0 and report it.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

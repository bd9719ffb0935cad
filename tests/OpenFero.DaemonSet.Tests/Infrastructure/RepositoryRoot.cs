namespace OpenFero.DaemonSet.Tests.Infrastructure;

internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>Real Alertmanager 0.25 webhook bodies, kept in the repository (tests/fixtures) so a clone alone passes.</summary>
    public static string Fixture(string name) => System.IO.Path.Combine(Path, "tests", "fixtures", "alertmanager-0.25", name);

    /// <summary>Bodies in OpenFero's shape (its test alerts, curl): no fingerprint, no generatorURL.</summary>
    public static string OpenFeroFixture(string name) => System.IO.Path.Combine(Path, "tests", "fixtures", "openfero", name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "OpenFero.DaemonSet.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OpenFero.DaemonSet.sln not found above " + AppContext.BaseDirectory);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using OpenFero.DaemonSet.Simulation.Faults;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Dispatch;

public sealed partial class OperariusCatalogMetricsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_show_the_three_built_in_operarii_as_the_items_loaded()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync();

        var metrics = await Eventually.ReachesAsync(
            () => server.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancel),
            text => text.Contains("\nopenfero_operarius_items_loaded 3\n", StringComparison.Ordinal),
            "the catalog to have loaded the built-in Operarii");

        Assert.Contains("\nopenfero_operarius_sync_errors_total 0\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_list_of_operarii_is_counted_as_a_sync_error()
    {
        await using var host = await ServerHost.StartClusterAsync();
        host.Cluster.Faults.Script(new FaultMatch("list", "operariuses"), 3, new Fault.ServiceUnavailable());
        var server = await host.StartServerAsync("--Kubernetes:RetryBaseDelay", "00:00:00.010", "--Kubernetes:MaxRetryAttempts", "2");

        var metrics = await Eventually.ReachesAsync(
            () => server.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancel),
            text => SyncErrors(text) > 0 && text.Contains("\nopenfero_operarius_items_loaded 3\n", StringComparison.Ordinal),
            "a sync error to be counted and the catalog to load once the list succeeds");

        Assert.True(SyncErrors(metrics) > 0);
    }

    private static double SyncErrors(string metrics) =>
        SyncErrorsLine().Match(metrics) is { Success: true } line ? double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^openfero_operarius_sync_errors_total (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex SyncErrorsLine();
}

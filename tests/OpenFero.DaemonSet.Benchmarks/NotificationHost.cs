using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenFero.DaemonSet.Metrics;
using OpenFero.DaemonSet.Notifications;
using Prometheus;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>
/// The notifications as the server registers them (<c>AddServerMetrics</c>, <c>AddNotifications</c>, from
/// configuration keys) on a host of their own, with the server's Prometheus exposition listening to the meter as it
/// does in the server; the send loops run while the host runs.
/// </summary>
internal sealed class NotificationHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly CollectorRegistry registry;

    private NotificationHost(IHost host)
    {
        this.host = host;
        registry = host.Services.GetRequiredService<MetricsExposition>().Registry;
    }

    public NotificationSender Sender => host.Services.GetRequiredService<NotificationSender>();

    /// <summary>The instruments the destinations count with, reported to the exposition.</summary>
    public NotificationMetrics Metrics => host.Services.GetRequiredService<NotificationMetrics>();

    /// <summary>A host whose destinations are the given types and URLs, in order, with <paramref name="queueCapacity"/> messages per queue.</summary>
    public static async Task<NotificationHost> StartAsync(IReadOnlyList<(DestinationType Type, Uri Url)> destinations, int queueCapacity)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Notifications:QueueCapacity"] = queueCapacity.ToString(CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < destinations.Count; i++)
        {
            settings[$"Notifications:Destinations:{i}:Type"] = destinations[i].Type.ToString();
            settings[$"Notifications:Destinations:{i}:Url"] = destinations[i].Url.ToString();
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddServerMetrics();
        builder.AddNotifications();
        var started = new NotificationHost(builder.Build());
        await started.host.StartAsync();
        return started;
    }

    /// <summary>The notices dropped because a queue was full, from the exposition (<c>notifications_failed_total{reason="queueFull"}</c>).</summary>
    public async Task<long> QueueFullAsync()
    {
        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text);
        return Encoding.UTF8.GetString(text.ToArray())
            .Split('\n')
            .Where(line => line.StartsWith("openfero_notifications_failed_total{", StringComparison.Ordinal) && line.Contains("reason=\"queueFull\"", StringComparison.Ordinal))
            .Sum(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}

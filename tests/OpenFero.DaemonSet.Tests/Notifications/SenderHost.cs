using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenFero.DaemonSet.Metrics;
using OpenFero.DaemonSet.Notifications;

namespace OpenFero.DaemonSet.Tests.Notifications;

/// <summary>
/// The notifications as the server registers them (<c>AddNotifications</c>, from configuration keys), on a host of
/// their own with the given clock, and the counts its instruments reported.
/// </summary>
internal sealed class SenderHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    private SenderHost(IHost host)
    {
        this.host = host;
        var meter = host.Services.GetRequiredService<ServerMetrics>().Meter;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var labels = string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"));

            // A counter reports each increment; an observable one its total, when the listener asks.
            counts.AddOrUpdate($"{instrument.Name}{{{labels}}}", value, (_, sum) => instrument.IsObservable ? value : sum + value);
        });
        listener.Start();
    }

    public NotificationSender Sender => host.Services.GetRequiredService<NotificationSender>();

    public static async Task<SenderHost> StartAsync(TimeProvider time, IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(time);
        builder.Services.AddServerMetrics();
        builder.AddNotifications();
        var host = builder.Build();
        var started = new SenderHost(host);
        await host.StartAsync(TestContext.Current.CancellationToken);
        return started;
    }

    /// <summary>A counter's sum for one label set, written <c>name{key=value,key=value}</c> in the order the tags were given.</summary>
    public long Count(string series)
    {
        listener.RecordObservableInstruments();
        return counts.TryGetValue(series, out var count) ? count : 0;
    }

    public string Counts
    {
        get
        {
            listener.RecordObservableInstruments();
            return string.Join("; ", counts.Select(c => $"{c.Key} {c.Value}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Dispose();
        await host.StopAsync();
        host.Dispose();
    }
}

using Prometheus;

namespace OpenFero.DaemonSet.Metrics;

/// <summary>
/// The Prometheus registry of one host, fed by prometheus-net's adapter from this host's <c>openfero</c> meter
/// only: several hosts can share a process (tests do), and each scrapes its own counts. A counter arrives as
/// a Prometheus gauge (the adapter cannot know that a .NET counter is never re-created).
/// </summary>
public sealed class MetricsExposition : IDisposable
{
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly IDisposable adapter;

    public MetricsExposition(ServerMetrics metrics)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            MetricFactory = Prometheus.Metrics.WithCustomRegistry(Registry),
            InstrumentFilterPredicate = instrument => instrument.Meter == metrics.Meter,
            ResolveHistogramBuckets = _ => LatencyBuckets,
            // The adapter forgets series not updated for this long; a day is the longest it allows.
            MetricsExpireAfter = TimeSpan.FromDays(1),
        });
        metrics.Initialize();
    }

    public CollectorRegistry Registry { get; }

    public void Dispose() => adapter.Dispose();
}

using System.Collections.Concurrent;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Dispatch;

namespace OpenFero.DaemonSet.Tests.Webhook;

/// <summary>The server's own remediator, counting how many alerts it works on at once, in all and per delivery.</summary>
internal sealed class PeakCountingRemediator(IAlertRemediator inner) : IAlertRemediator
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> perDelivery = [];
    private readonly ConcurrentDictionary<string, int> peakPerDelivery = new();
    private int running;

    public int Peak { get; private set; }

    public IReadOnlyDictionary<string, int> PeakPerDelivery => peakPerDelivery;

    public async Task<AlertOutcome> RemediateAsync(AlertContext alert, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Peak = Math.Max(Peak, ++running);
            var now = perDelivery[alert.GroupKey] = perDelivery.GetValueOrDefault(alert.GroupKey) + 1;
            peakPerDelivery.AddOrUpdate(alert.GroupKey, now, (_, peak) => Math.Max(peak, now));
        }

        try
        {
            return await inner.RemediateAsync(alert, cancellationToken);
        }
        finally
        {
            lock (gate)
            {
                running--;
                perDelivery[alert.GroupKey]--;
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Threading.Channels;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Rollouts;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// Alerts answered <see cref="AlertOutcome.Progressing"/>, the latest per DaemonSet, kept until its rollout decides:
/// stalled, and the alert is due for remediation now (<see cref="Due"/>), instead of at Alertmanager's next repeat
/// hours later; complete, and it is dropped, as is one whose alert resolved. Kept in this replica's memory: after a
/// restart, Alertmanager's repeat delivers it again.
/// </summary>
public sealed partial class ProgressingAlerts
{
    private readonly ConcurrentDictionary<DaemonSetTarget, AlertContext> waiting = new();
    private readonly Channel<AlertContext> due = Channel.CreateUnbounded<AlertContext>();
    private readonly ILogger<ProgressingAlerts> logger;

    public ProgressingAlerts(RolloutMonitor rollouts, ILogger<ProgressingAlerts> logger)
    {
        this.logger = logger;
        rollouts.PhaseChanged += Decided;
    }

    /// <summary>Alerts whose rollout stalled while they waited, in the order they became due.</summary>
    public ChannelReader<AlertContext> Due => due.Reader;

    public void Defer(DaemonSetTarget target, AlertContext alert) => waiting[target] = alert;

    /// <summary>The DaemonSet's alert resolved: nothing is left to remediate.</summary>
    public void Forget(DaemonSetTarget target) => waiting.TryRemove(target, out _);

    private void Decided(RolloutView view)
    {
        var target = new DaemonSetTarget(view.Namespace, view.Name);
        if (view.State == RolloutPhase.Stalled && waiting.TryRemove(target, out var alert))
        {
            LogStalled(logger, view.Namespace, view.Name, view.Reason);
            due.Writer.TryWrite(alert);
        }
        else if (view.State == RolloutPhase.Complete && waiting.TryRemove(target, out _))
        {
            LogCompleted(logger, view.Namespace, view.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The rollout of daemonset {Namespace}/{DaemonSet} stalled ({Reason}); its waiting alert is remediated now")]
    private static partial void LogStalled(ILogger logger, string @namespace, string daemonSet, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The rollout of daemonset {Namespace}/{DaemonSet} completed on its own; its waiting alert needed no remediation")]
    private static partial void LogCompleted(ILogger logger, string @namespace, string daemonSet);
}

using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Metrics;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Rollouts;

/// <summary>
/// The workflows run by the cluster's own changes, as <c>Workflows:Triggers:*</c> allows: each trigger of the
/// <see cref="RolloutMonitor"/> queues one analysis of its DaemonSet (a trigger already queued for the same DaemonSet is
/// not queued twice), read and analysed as for an alert, its verdict logged and the run counted in
/// <c>openfero_workflow_runs_total{trigger}</c>.
/// </summary>
public sealed partial class TriggeredAnalyses : BackgroundService
{
    private readonly Channel<(RolloutTrigger Trigger, DaemonSetTarget Target)> queue = Channel.CreateUnbounded<(RolloutTrigger, DaemonSetTarget)>();
    private readonly ConcurrentDictionary<(RolloutTrigger, DaemonSetTarget), byte> queued = new();
    private readonly DaemonSetSnapshotReader reader;
    private readonly IOptions<AnalysisOptions> analysis;
    private readonly WorkflowTriggerOptions triggers;
    private readonly TimeProvider time;
    private readonly ILogger<TriggeredAnalyses> logger;
    private readonly System.Diagnostics.Metrics.Counter<long> runs;

    public TriggeredAnalyses(
        RolloutMonitor monitor,
        DaemonSetSnapshotReader reader,
        IOptions<AnalysisOptions> analysis,
        IOptions<WorkflowTriggerOptions> triggers,
        ServerMetrics metrics,
        TimeProvider time,
        ILogger<TriggeredAnalyses> logger)
    {
        this.reader = reader;
        this.analysis = analysis;
        this.triggers = triggers.Value;
        this.time = time;
        this.logger = logger;
        runs = metrics.Meter.CreateCounter<long>("workflow_runs_total", description: "Analyses run by the cluster's own changes, by trigger.");
        monitor.Triggered += Queue;
    }

    private void Queue(RolloutTrigger trigger, DaemonSetTarget target)
    {
        if (triggers.Runs(trigger) && queued.TryAdd((trigger, target), 0))
        {
            queue.Writer.TryWrite((trigger, target));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (trigger, target) in queue.Reader.ReadAllAsync(stoppingToken))
            {
                queued.TryRemove((trigger, target), out _);
                await RunAsync(trigger, target, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(RolloutTrigger trigger, DaemonSetTarget target, CancellationToken cancellationToken)
    {
        var name = TriggerName(trigger);
        try
        {
            var snapshot = await reader.ReadAsync(target, null, cancellationToken);
            runs.Add(1, new KeyValuePair<string, object?>("trigger", name));
            if (snapshot is null)
            {
                LogGone(logger, name, target.Namespace, target.Name);
                return;
            }

            var report = DaemonSetAnalyzer.Analyze(snapshot, analysis.Value, time.GetUtcNow());
            LogAnalysed(logger, name, target.Namespace, target.Name, report.Verdict.Summary);
        }
        catch (Exception error) when (KubernetesFailures.IsFailure(error) && !cancellationToken.IsCancellationRequested)
        {
            LogNotAnalysed(logger, name, target.Namespace, target.Name, error.Message);
        }
    }

    /// <summary>The trigger as its metric label and log word: <c>rolloutStalled</c>.</summary>
    public static string TriggerName(RolloutTrigger trigger) => trigger.ToString() switch
    {
        var text => char.ToLowerInvariant(text[0]) + text[1..],
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflows run by {Trigger} on daemonset {Namespace}/{DaemonSet}: {Verdict}")]
    private static partial void LogAnalysed(ILogger logger, string trigger, string @namespace, string daemonSet, string verdict);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflows run by {Trigger}: daemonset {Namespace}/{DaemonSet} is gone")]
    private static partial void LogGone(ILogger logger, string trigger, string @namespace, string daemonSet);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflows run by {Trigger} on daemonset {Namespace}/{DaemonSet} could not read it: {Reason}")]
    private static partial void LogNotAnalysed(ILogger logger, string trigger, string @namespace, string daemonSet, string reason);
}

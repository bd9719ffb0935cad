using System.Globalization;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Alertmanager;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Events;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// The runner's questions to Alertmanager: before the first step that changes anything, whether the cluster is
/// unwell around the DaemonSet (<see cref="ClusterHoldRule"/>); after a known false alarm, its silence
/// (<see cref="FalseAlarmSilence"/>). Without <c>Alertmanager:Url</c> neither asks anything. An Alertmanager that
/// cannot be asked holds the run, unless <c>Alertmanager:FailOpen</c> is set: then the run acts and says, in a Warning
/// Event, that it could not ask. A silence that cannot be created is said in the outcome and a Warning Event.
/// </summary>
public sealed partial class RemediationGuards(
    AlertmanagerClient alertmanager,
    IOptions<AlertmanagerOptions> alertmanagerOptions,
    IOptions<FalseAlarmSilenceOptions> silenceOptions,
    DaemonSetEvents events,
    TimeProvider time,
    ILogger<RemediationGuards> logger)
{
    public const string AlertmanagerUnreachable = "AlertmanagerUnreachable";
    public const string FalseAlarmSilenced = "FalseAlarmSilenced";
    public const string FalseAlarmNotSilenced = "FalseAlarmNotSilenced";

    /// <summary>The sentence a held run ends with, or null when the plan may go on.</summary>
    public async Task<string?> HoldAsync(RemediationRun run, DaemonSetReport report, RemediationPlan plan, CancellationToken cancellationToken)
    {
        var options = alertmanagerOptions.Value;
        if (options.BaseAddress is not { } address || plan.Steps.All(s => s is RemediationStep.WaitForRollout))
        {
            return null;
        }

        IReadOnlyList<FiringAlert> firing;
        try
        {
            firing = await alertmanager.FiringAsync(cancellationToken);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested && AlertmanagerFailures.IsFailure(failure))
        {
            var reason = $"Alertmanager at {address} could not be asked for firing alerts: {AlertmanagerFailures.Describe(failure)}";
            if (!options.FailOpen)
            {
                return $"Held: {reason}; nothing done without knowing whether the cluster is unwell (Alertmanager__FailOpen=true acts anyway).";
            }

            LogActingUnchecked(logger, run.Target.Namespace, run.Target.Name, reason);
            await events.RecordAsync(run.Target, run.DaemonSet, DaemonSetEvent.Warning(AlertmanagerUnreachable, DaemonSetEvent.Actions.Hold, $"{reason}; acting anyway (Alertmanager:FailOpen)"), cancellationToken);
            return null;
        }

        var holding = ClusterHoldRule.Holding(firing, options.HoldAlerts, report);
        return holding.Count == 0
            ? null
            : $"Held: {ClusterHoldRule.Describe(holding)} firing; nothing done while the cluster is unwell (the alert's next delivery checks again).";
    }

    /// <summary>After a known false alarm: the sentence that says what was silenced (or why not), or null when silencing is off.</summary>
    public async Task<string?> SilenceAsync(RemediationRun run, DaemonSetSnapshot snapshot, DaemonSetReport report, CancellationToken cancellationToken)
    {
        var options = silenceOptions.Value;
        if (!options.SilenceFalseAlarms || alertmanagerOptions.Value.BaseAddress is not { } address
            || FalseAlarmSilence.For(snapshot, report, options.AlertName, options.SilenceDuration, time.GetUtcNow()) is not { } wanted)
        {
            return null;
        }

        try
        {
            if (FalseAlarmSilence.Existing(await alertmanager.SilencesAsync(cancellationToken), wanted) is { } existing)
            {
                return $"Already silenced until {Timestamp(existing.EndsAt)} (silence {existing.Id}).";
            }

            var id = await alertmanager.CreateSilenceAsync(wanted, cancellationToken);
            var silenced = $"Silenced {options.AlertName} for {run.Target} until {Timestamp(wanted.EndsAt)} (silence {id}).";
            await events.RecordAsync(run.Target, run.DaemonSet, DaemonSetEvent.Normal(FalseAlarmSilenced, DaemonSetEvent.Actions.Silence, $"{silenced} {wanted.Comment}"), cancellationToken);
            return silenced;
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested && AlertmanagerFailures.IsFailure(failure))
        {
            var notSilenced = $"Not silenced: Alertmanager at {address} failed: {AlertmanagerFailures.Describe(failure)}.";
            LogNotSilenced(logger, run.Target.Namespace, run.Target.Name, notSilenced);
            await events.RecordAsync(run.Target, run.DaemonSet, DaemonSetEvent.Warning(FalseAlarmNotSilenced, DaemonSetEvent.Actions.Silence, notSilenced), cancellationToken);
            return notSilenced;
        }
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Namespace}/{DaemonSet}: {Reason}; acting anyway (Alertmanager:FailOpen)")]
    private static partial void LogActingUnchecked(ILogger logger, string @namespace, string daemonSet, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Namespace}/{DaemonSet}: {Outcome}")]
    private static partial void LogNotSilenced(ILogger logger, string @namespace, string daemonSet, string outcome);
}

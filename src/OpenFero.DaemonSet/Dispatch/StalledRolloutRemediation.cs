namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// Remediates each alert of <see cref="ProgressingAlerts.Due"/> as if Alertmanager had delivered it again: the same
/// path, Lease and Job name, so a re-delivery from Alertmanager or another replica's attempt is a duplicate, not a second Job.
/// </summary>
public sealed partial class StalledRolloutRemediation(ProgressingAlerts progressing, IAlertRemediator remediator, ILogger<StalledRolloutRemediation> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var alert in progressing.Due.ReadAllAsync(stoppingToken))
            {
                var outcome = await remediator.RemediateAsync(alert, stoppingToken);
                LogOutcome(logger, alert.AlertName, alert.Target?.ToString() ?? "-", outcome.Kind);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Alert} for {Target}, remediated after its rollout stalled: {Outcome}")]
    private static partial void LogOutcome(ILogger logger, string alert, string target, string outcome);
}

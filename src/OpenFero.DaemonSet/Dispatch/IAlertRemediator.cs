using OpenFero.DaemonSet.Alerts;
namespace OpenFero.DaemonSet.Dispatch;

/// <summary>Turns one alert into at most one remediation Job: match an Operarius, deduplicate, create.</summary>
public interface IAlertRemediator
{
    Task<AlertOutcome> RemediateAsync(AlertContext alert, CancellationToken cancellationToken);
}

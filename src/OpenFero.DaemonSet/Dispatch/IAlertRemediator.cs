using OpenFero.DaemonSet.Alerts;
namespace OpenFero.DaemonSet.Dispatch;

/// <summary>Turns one alert into at most one remediation Job: match an Operarius, deduplicate, create.</summary>
public interface IAlertRemediator
{
    Task<AlertOutcome> RemediateAsync(AlertContext alert, CancellationToken cancellationToken);

    /// <summary>
    /// The answer to an alert whose Job already exists, from the Job cache, without waiting on anything; null when
    /// the alert needs <see cref="RemediateAsync"/>. Alertmanager re-sends every firing alert each group interval,
    /// so this is the path most deliveries take.
    /// </summary>
    AlertOutcome.Deduplicated? FromJobCache(AlertContext alert) => null;
}

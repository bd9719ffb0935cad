namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// Where a message posted for a remediation is remembered beyond the process that posted it, so that any replica,
/// or this one after a restart, updates that message rather than posting another.
/// </summary>
public interface IPostedMessageStore
{
    /// <summary>Remembers <paramref name="value"/> under <paramref name="key"/> for the remediation's Job; reports its own failures.</summary>
    Task RememberAsync(string jobNamespace, string job, string key, string value, CancellationToken cancellationToken);
}

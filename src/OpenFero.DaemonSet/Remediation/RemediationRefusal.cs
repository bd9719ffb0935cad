namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// A guard that ends the run before it acts, with <see cref="Exit"/> and the outcome's <see cref="Summary"/>.
/// </summary>
public abstract record RemediationRefusal(RemediationExit Exit, string Summary)
{
    /// <summary>Refused without a word on the DaemonSet (it may not be touched, or is not there): a warning names <paramref name="Reason"/>.</summary>
    public sealed record Logged(RemediationExit Exit, string Summary, string Reason) : RemediationRefusal(Exit, Summary);

    /// <summary>
    /// Refused for a reason the DaemonSet's owners gave: told as Event <paramref name="EventReason"/> on it, unless
    /// <paramref name="DryRun"/>, where nothing is written to the cluster.
    /// </summary>
    public sealed record Recorded(RemediationExit Exit, string Summary, string EventReason, string Message, bool DryRun) : RemediationRefusal(Exit, Summary);
}

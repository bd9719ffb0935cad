namespace OpenFero.DaemonSet.Remediation;

/// <summary>A guard that ends the run before it acts: always <see cref="RemediationResult.Declined"/>, with the outcome's <see cref="Summary"/>.</summary>
public abstract record RemediationRefusal(string Summary)
{
    public RemediationOutcome Outcome => RemediationOutcome.Declined(Summary);

    /// <summary>Refused without a request to the cluster (it may not be touched there): a warning names <paramref name="Reason"/>.</summary>
    public sealed record Logged(string Summary, string Reason) : RemediationRefusal(Summary);

    /// <summary>Refused for what the cluster says: told as the run's outcome Event, <paramref name="Sentence"/>, unless a dry run.</summary>
    public sealed record Recorded(string Summary, string Sentence) : RemediationRefusal(Summary);
}

namespace OpenFero.DaemonSet.Remediation;

/// <summary>How a run ended: its exit code and one paragraph saying what was found, planned and done.</summary>
public sealed record RemediationOutcome(RemediationExit Exit, string Summary);

using OpenFero.DaemonSet.Events;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// The one Event that ends a run, told in one sentence: <c>Warning</c> whenever a person must act (declined, not
/// rolled out, failed, held (the DaemonSet is still stuck), the approved plan no longer fits, an approval expired), <c>Normal</c> when it rolled out, declined only a known false alarm, or only analysed.
/// </summary>
public static class OutcomeEvent
{
    public const string RolledOut = "RemediationRolledOut";
    public const string Declined = "RemediationDeclined";
    public const string NotRolledOut = "RemediationNotRolledOut";
    public const string Failed = "RemediationFailed";
    public const string Held = "RemediationHeld";

    public const string SituationChanged = "RemediationSituationChanged";
    public const string ApprovalExpired = "ApprovalExpired";

    /// <summary>A person deleted a Job that waited for approval: the plan was declined, nothing ran.</summary>
    public const string ApprovalDeclined = "ApprovalDeclined";

    /// <summary>A Job was deleted while it ran, before its outcome was recorded.</summary>
    public const string JobDeleted = "RemediationJobDeleted";

    /// <summary>Not <c>Analyzed</c>: the server's own Event of the verdict for each Job already has that reason.</summary>
    public const string Analyzed = "RemediationAnalyzed";

    /// <summary>The Event of a run that ended <paramref name="result"/>; null for a dry run, which writes nothing.</summary>
    public static DaemonSetEvent? For(RemediationResult result, string sentence, bool knownFalseAlarm) => result switch
    {
        RemediationResult.RolledOut => DaemonSetEvent.Normal(RolledOut, DaemonSetEvent.Actions.Remediate, sentence),
        RemediationResult.Declined when knownFalseAlarm => DaemonSetEvent.Normal(Declined, DaemonSetEvent.Actions.Decline, sentence),
        RemediationResult.Declined => DaemonSetEvent.Warning(Declined, DaemonSetEvent.Actions.Decline, sentence),
        RemediationResult.NotRolledOut => DaemonSetEvent.Warning(NotRolledOut, DaemonSetEvent.Actions.Remediate, sentence),
        RemediationResult.DryRun => null,
        RemediationResult.Analyzed => DaemonSetEvent.Normal(Analyzed, DaemonSetEvent.Actions.Analyze, sentence),
        RemediationResult.Held => DaemonSetEvent.Warning(Held, DaemonSetEvent.Actions.Hold, sentence),
        RemediationResult.SituationChanged => DaemonSetEvent.Warning(SituationChanged, DaemonSetEvent.Actions.Decline, sentence),
        RemediationResult.Expired => DaemonSetEvent.Warning(ApprovalExpired, DaemonSetEvent.Actions.Decline, sentence),
        _ => DaemonSetEvent.Warning(Failed, DaemonSetEvent.Actions.Remediate, sentence),
    };
}

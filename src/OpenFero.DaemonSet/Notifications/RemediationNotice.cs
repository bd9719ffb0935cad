using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>The transitions of a remediation that are told: its Job created, its verdict known, a step its runner took, its Job ended.</summary>
public enum NoticeEvent
{
    Started,
    Analyzed,
    Step,
    Ended,
}

/// <summary>
/// What a destination is told of one remediation at one transition. <see cref="Summary"/> is the runner's paragraph
/// (verdict, plan, steps done); <see cref="NextCommands"/> are what a person would run next.
/// </summary>
public sealed record RemediationNotice(
    NoticeEvent Event,
    string JobNamespace,
    string Job,
    string AlertName,
    string Fingerprint,
    string? Severity,
    DaemonSetTarget? Target,
    string? Verdict,
    string? Outcome,
    string? Summary,
    DateTimeOffset At,
    TimeSpan? Took = null,
    IReadOnlyList<string>? Steps = null,
    IReadOnlyDictionary<string, string>? PostedMessages = null)
{
    public IReadOnlyList<string> NextCommands => NextCommandRules.For(this);

    /// <summary>Lower-case, as metrics and CloudEvents types name it.</summary>
    public string EventName => Event switch
    {
        NoticeEvent.Started => "started",
        NoticeEvent.Analyzed => "analyzed",
        NoticeEvent.Step => "step",
        _ => "ended",
    };

    public string Title => Event switch
    {
        NoticeEvent.Started or NoticeEvent.Analyzed or NoticeEvent.Step => $"Remediating {TargetText}",
        _ => $"Remediation of {TargetText}: {Outcome ?? "unknown"}{(Took is { } took ? $" after {HumanDuration.Format(took)}" : "")}",
    };

    public string TargetText => Target?.ToString() ?? "(no DaemonSet)";
}

using System.Globalization;
using k8s.Models;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>What follows a remediation Job's creation, in the order it is done.</summary>
public enum FollowUpStep
{
    /// <summary>
    /// The Operarius counts the execution (status Pending); a RemediationStarted Event on the DaemonSet. Not while the
    /// Job waits, suspended, for approval.
    /// </summary>
    Started,

    /// <summary>The analysis' verdict on the Job (annotation) and on the DaemonSet (an Analyzed Event).</summary>
    Analyzed,

    /// <summary>
    /// The Job's end and its run's outcome (from its pod) on the Job, its Operarius' status and in the metrics; the
    /// DaemonSet's cooldown ended when the run changed nothing.
    /// </summary>
    Finished,
}

/// <summary>A replica working on a Job's follow-ups, and since when.</summary>
public sealed record FollowUpClaim(string Holder, DateTimeOffset At);

/// <summary>
/// The follow-ups recorded on the Job itself, so every replica and every restart sees what was done: the done steps
/// (<c>openfero.io/follow-ups: started,analyzed</c>), and the claim of the replica doing the others. Pure.
/// </summary>
public static class FollowUpSteps
{
    public const string DoneAnnotation = "openfero.io/follow-ups";
    public const string ClaimAnnotation = "openfero.io/follow-ups-claim";

    /// <summary>Steps done, as recorded on the Job; null for a Job that predates the record (its follow-ups are not tracked).</summary>
    public static IReadOnlySet<FollowUpStep>? Done(V1Job job) =>
        job.Metadata.Annotations?.TryGetValue(DoneAnnotation, out var done) == true
            ? done.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => Enum.TryParse<FollowUpStep>(s, ignoreCase: true, out var step) ? step : (FollowUpStep?)null)
                .OfType<FollowUpStep>().ToHashSet()
            : null;

    /// <summary>The steps still to do for the Job as it is now, in order.</summary>
    public static IReadOnlyList<FollowUpStep> Pending(V1Job job)
    {
        if (Done(job) is not { } done)
        {
            return [];
        }

        var facts = RemediationJobFacts.Of(job);

        // A Job waiting, suspended, for approval has not started: its start is recorded once a person approves it.
        var due = job.Spec?.Suspend == true ? new List<FollowUpStep>() : [FollowUpStep.Started];
        if (facts.Target is not null)
        {
            due.Add(FollowUpStep.Analyzed);
        }

        if (facts.State.IsFinished())
        {
            due.Add(FollowUpStep.Finished);
        }

        return [.. due.Where(s => !done.Contains(s))];
    }

    /// <summary>The annotation value for <paramref name="done"/>.</summary>
    public static string Format(IEnumerable<FollowUpStep> done) =>
        string.Join(',', done.Distinct().Order().Select(s => s.ToString().ToLowerInvariant()));

    public static FollowUpClaim? Claim(V1Job job) =>
        job.Metadata.Annotations?.TryGetValue(ClaimAnnotation, out var claim) == true
            && claim.LastIndexOf(' ') is > 0 and var space
            && DateTimeOffset.TryParse(claim[(space + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? new FollowUpClaim(claim[..space], at)
            : null;

    public static string Format(FollowUpClaim claim) => $"{claim.Holder} {claim.At.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}";
}

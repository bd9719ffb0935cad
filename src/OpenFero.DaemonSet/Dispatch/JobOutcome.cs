using k8s.Models;
using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// How a finished remediation Job ended, as its pod said it (<see cref="RemediationResults.TerminationMessage"/>):
/// <see cref="Result"/> null when a Job that completed gave no outcome (an Operarius that does not follow the
/// contract), and <see cref="Message"/> the summary after the outcome's name (its first line), cut to <see cref="MaxMessageLength"/>.
/// </summary>
public sealed record JobOutcome(RemediationResult? Result, string? Message)
{
    /// <summary>The annotation on the Job that keeps the summary beside <see cref="RemediationResults.OutcomeAnnotation"/>.</summary>
    public const string MessageAnnotation = "openfero.io/outcome-message";

    /// <summary>Enough for a paragraph, short enough for an annotation read by people in <c>kubectl describe</c>.</summary>
    public const int MaxMessageLength = 1024;

    /// <summary>
    /// The outcome of a Job in <paramref name="state"/> from its pods: the newest pod whose first container
    /// terminated speaks for the Job. A Job that failed without a readable outcome is <see cref="RemediationResult.Error"/>,
    /// explained by its pod's message, else by its Failed condition.
    /// </summary>
    public static JobOutcome Of(V1Job job, JobState state, IEnumerable<V1Pod> pods)
    {
        var terminated = pods
            .Select(p => p.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Terminated)
            .OfType<V1ContainerStateTerminated>()
            .OrderByDescending(t => t.FinishedAt ?? DateTime.MinValue)
            .FirstOrDefault();
        var message = string.IsNullOrWhiteSpace(terminated?.Message) ? null : terminated.Message.Trim();
        if (message is not null && RemediationResults.FromTerminationMessage(message) is { } result)
        {
            // The first line is the summary; an analysis-only run puts its whole report below it, for kubectl describe pod.
            var summary = message[(message.IndexOf(':', StringComparison.Ordinal) + 1)..].Split('\n', 2)[0].Trim();
            return new JobOutcome(result, Cut(summary));
        }

        if (state != JobState.Failed)
        {
            return new JobOutcome(null, Cut(message));
        }

        var failed = job.Status?.Conditions?.FirstOrDefault(c => c.Type == "Failed" && c.Status == "True");
        return new JobOutcome(RemediationResult.Error, Cut(message ?? (failed is null ? "the Job failed" : $"the Job failed: {failed.Reason}: {failed.Message}".TrimEnd(' ', ':'))));
    }

    /// <summary>The annotations that record it on the Job; no outcome annotation when there is no outcome.</summary>
    public IEnumerable<KeyValuePair<string, string>> Annotations()
    {
        if (Result is { } result)
        {
            yield return new(RemediationResults.OutcomeAnnotation, result.WireName());
        }

        if (Message is { } message)
        {
            yield return new(MessageAnnotation, message);
        }
    }

    /// <summary>The Job's annotations with this outcome's over them: what the Job says once the outcome is recorded on it.</summary>
    public Dictionary<string, string> AnnotationsOn(V1Job job)
    {
        var annotations = new Dictionary<string, string>(job.Metadata.Annotations ?? new Dictionary<string, string>());
        foreach (var (key, value) in Annotations())
        {
            annotations[key] = value;
        }

        return annotations;
    }

    /// <summary>The outcome recorded on a Job, as the history shows it.</summary>
    public static JobOutcome Recorded(V1Job job) => new(
        RemediationResults.Parse(job.Metadata.Annotations?.TryGetValue(RemediationResults.OutcomeAnnotation, out var outcome) == true ? outcome : null),
        job.Metadata.Annotations?.TryGetValue(MessageAnnotation, out var message) == true ? message : null);

    private static string? Cut(string? message) =>
        message is null || message.Length == 0 ? null : message.Length <= MaxMessageLength ? message : string.Concat(message.AsSpan(0, MaxMessageLength - 1), "…");
}

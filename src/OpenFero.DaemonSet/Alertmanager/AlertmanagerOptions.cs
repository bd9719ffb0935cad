using System.ComponentModel.DataAnnotations;

namespace OpenFero.DaemonSet.Alertmanager;

/// <summary>
/// Where the runner asks about the rest of the cluster before it acts (<c>Alertmanager:…</c>): Alertmanager's v2 API.
/// Without <see cref="Url"/> nothing is asked, nothing holds and nothing is silenced.
/// </summary>
public sealed class AlertmanagerOptions : IValidatableObject
{
    public const string Section = "Alertmanager";

    /// <summary>The alerts that hold a remediation while they fire on the DaemonSet's nodes or namespace, or cluster-wide.</summary>
    public static readonly IReadOnlyList<string> DefaultHoldAlerts =
        ["KubeNodeNotReady", "KubeNodeUnreachable", "KubeletDown", "NodeFilesystemAlmostOutOfSpace", "KubeAPIErrorBudgetBurn"];

    /// <summary>The base URL of Alertmanager, e.g. <c>http://alertmanager-operated.monitoring:9093</c>.</summary>
    public string? Url { get; set; }

    /// <summary>The alert names that hold a remediation (<see cref="DefaultHoldAlerts"/> unless set; a comma list or indexed keys).</summary>
    public List<string> HoldAlerts { get; set; } = [.. DefaultHoldAlerts];

    /// <summary>
    /// Act when Alertmanager cannot be asked. Off by default: a run that cannot tell whether the cluster is unwell
    /// holds and says why, and the alert's next delivery asks again.
    /// </summary>
    public bool FailOpen { get; set; }

    /// <summary>How long one request to Alertmanager may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of a request that failed in transport, timed out or got a 5xx or 429.</summary>
    [Range(1, 10)]
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>The first retry's delay; each next one doubles it, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The URL when one is set; validation has made sure it is absolute http or https.</summary>
    public Uri? BaseAddress => string.IsNullOrWhiteSpace(Url) ? null : new Uri(Url.EndsWith('/') ? Url : Url + "/");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Url) && !(Uri.TryCreate(Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            yield return new ValidationResult($"{Section}:{nameof(Url)} must be an absolute http or https URL, such as http://alertmanager-operated.monitoring:9093, not '{Url}'", [nameof(Url)]);
        }

        if (HoldAlerts.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult($"{Section}:{nameof(HoldAlerts)} must name alerts, not hold an empty name", [nameof(HoldAlerts)]);
        }
    }
}

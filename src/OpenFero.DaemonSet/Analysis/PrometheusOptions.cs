using System.ComponentModel.DataAnnotations;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>Where the health analysis reads its trends (<c>IncludeMetrics</c>): a Prometheus' HTTP API; none without a URL.</summary>
public sealed class PrometheusOptions : IValidatableObject
{
    public const string Section = "Prometheus";

    /// <summary>The base URL of Prometheus' HTTP API, e.g. <c>http://prometheus-operated.monitoring:9090</c>.</summary>
    public string? Url { get; set; }

    /// <summary>How long all of one analysis' queries may take together before the trends are reported unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The URL when one is set; validation has made sure it is absolute http or https.</summary>
    public Uri? BaseAddress => string.IsNullOrWhiteSpace(Url) ? null : new Uri(Url.EndsWith('/') ? Url : Url + "/");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Url) && !(Uri.TryCreate(Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            yield return new ValidationResult($"Prometheus:Url must be an absolute http or https URL, such as http://prometheus.monitoring:9090, not '{Url}'", [nameof(Url)]);
        }
    }
}

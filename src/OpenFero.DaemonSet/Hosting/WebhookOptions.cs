using System.ComponentModel.DataAnnotations;

namespace OpenFero.DaemonSet.Hosting;

public sealed class WebhookOptions
{
    public const string Section = "Webhook";

    /// <summary>Largest body POST /alerts accepts; larger is 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long the webhook may take before it answers 503 so Alertmanager delivers again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan AnswerTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

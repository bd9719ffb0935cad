using System.ComponentModel.DataAnnotations;

namespace OpenFero.DaemonSet.Webhook;

public sealed class WebhookOptions
{
    public const string Section = "Webhook";

    /// <summary>Largest body POST /alerts accepts; larger is 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long the webhook may take before it answers 503 so Alertmanager delivers again. Alerts not finished by
    /// nine tenths of it are answered <c>unavailable</c>; the last tenth is for writing the answer.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan AnswerTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Bodies read at once; a delivery beyond it is answered 503 at once. A body is read at the client's pace,
    /// so this bounds what slow or stalled clients can hold.
    /// </summary>
    [Range(1, 4096)]
    public int MaxConcurrentBodyReads { get; set; } = 64;

    /// <summary>Alerts of one delivery remediated at once; the rest of the delivery waits its turn.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentRemediationsPerDelivery { get; set; } = 16;

    /// <summary>Alerts remediated at once across all deliveries: what the server asks of the Kubernetes API at most.</summary>
    [Range(1, 4096)]
    public int MaxConcurrentRemediations { get; set; } = 64;
}

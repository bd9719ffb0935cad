using Microsoft.Extensions.Options;

namespace OpenFero.DaemonSet.Webhook;

/// <summary>
/// What the webhook takes on at once across all requests: bodies being read, alerts being remediated. Not
/// disposed: remediations left running past an answer release their slot whenever they end, even at shutdown.
/// </summary>
public sealed class WebhookCapacity(IOptions<WebhookOptions> options)
{
    public SemaphoreSlim BodyReads { get; } = new(options.Value.MaxConcurrentBodyReads);

    public SemaphoreSlim Remediations { get; } = new(options.Value.MaxConcurrentRemediations);
}

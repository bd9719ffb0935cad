using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// How one message is sent: a total timeout, retries with exponential backoff and jitter on 429, 5xx, transport
/// failures and attempt timeouts (a server's Retry-After, up to <see cref="NotificationOptions.MaxRetryDelay"/>,
/// instead of the backoff), and a per-attempt timeout. Each destination has its own, so one that is down slows no other.
/// </summary>
public static class NotificationPipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Build(NotificationOptions options, TimeProvider time, Action<string>? retrying = null)
    {
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<IOException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }.AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time, options.MaxRetryDelay)),
                OnRetry = args =>
                {
                    retrying?.Invoke(NotificationFailure.ReasonOf(args.Outcome));
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <summary>The server's Retry-After (seconds or a date), at most <paramref name="longest"/>; null lets the backoff decide.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time, TimeSpan longest)
    {
        var wait = response?.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        return wait is { } w ? TimeSpan.FromTicks(Math.Clamp(w.Ticks, 0, longest.Ticks)) : null;
    }
}

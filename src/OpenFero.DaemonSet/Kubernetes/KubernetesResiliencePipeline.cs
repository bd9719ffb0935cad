using System.Globalization;
using System.Net;
using OpenFero.DaemonSet.Metrics;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace OpenFero.DaemonSet.Kubernetes;

/// <summary>
/// The one resilience pipeline every Kubernetes call goes through: a total timeout, retries with exponential
/// backoff and jitter on 429, 5xx and transport failures (honouring Retry-After), a circuit breaker, and a
/// per-attempt timeout. Conflicts (409) are not retried here: the caller re-reads and re-applies its change.
/// </summary>
public static class KubernetesResiliencePipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Build(KubernetesOptions options, TimeProvider time, ServerMetrics? metrics = null)
    {
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<IOException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500);
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(10),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    metrics?.KubernetesRetry(Reason(args.Outcome));
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>The server's Retry-After (seconds), or null to let the exponential backoff decide.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response) => response?.Headers.RetryAfter?.Delta;

    public static string Reason(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } error ? error.GetType().Name : ((int)outcome.Result!.StatusCode).ToString(CultureInfo.InvariantCulture);
}

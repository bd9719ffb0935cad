using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OpenFero.DaemonSet.Alertmanager;

/// <summary>
/// The pipeline every Alertmanager request goes through: retries with exponential backoff and jitter on transport
/// failures, timeouts, 429 and 5xx (honouring Retry-After), each attempt within <see cref="AlertmanagerOptions.Timeout"/>.
/// A 4xx other than 429 is an answer, not a hiccup: it is not retried.
/// </summary>
public static class AlertmanagerResiliencePipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Build(AlertmanagerOptions options, TimeProvider time) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<IOException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(10),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Headers.RetryAfter?.Delta),
            })
            .AddTimeout(options.Timeout)
            .Build();
}

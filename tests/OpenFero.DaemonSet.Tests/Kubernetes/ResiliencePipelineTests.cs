using System.Net;
using Microsoft.Extensions.Time.Testing;
using OpenFero.DaemonSet.Kubernetes;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Testing;
using Polly.Timeout;

namespace OpenFero.DaemonSet.Tests.Kubernetes;

public sealed class ResiliencePipelineTests
{
    [Fact]
    public void Pipeline_is_total_timeout_then_retry_then_circuit_breaker_then_attempt_timeout()
    {
        var options = new KubernetesOptions();

        var descriptor = KubernetesResiliencePipeline.Build(options, TimeProvider.System).GetPipelineDescriptor();

        Assert.Collection(descriptor.Strategies,
            s => Assert.Equal(options.TotalTimeout, Assert.IsType<TimeoutStrategyOptions>(s.Options).Timeout),
            s => Assert.Equal(options.MaxRetryAttempts, Assert.IsType<RetryStrategyOptions<HttpResponseMessage>>(s.Options).MaxRetryAttempts),
            s => Assert.IsType<CircuitBreakerStrategyOptions<HttpResponseMessage>>(s.Options),
            s => Assert.Equal(options.AttemptTimeout, Assert.IsType<TimeoutStrategyOptions>(s.Options).Timeout));
    }

    [Fact]
    public async Task Retry_waits_the_servers_Retry_After_on_the_injected_clock_and_does_not_retry_a_conflict()
    {
        var time = new FakeTimeProvider();
        var pipeline = KubernetesResiliencePipeline.Build(new KubernetesOptions(), time);
        var calls = 0;

        var running = pipeline.ExecuteAsync(_ =>
        {
            calls++;
            var response = new HttpResponseMessage(calls == 1 ? HttpStatusCode.TooManyRequests : HttpStatusCode.OK);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return ValueTask.FromResult(response);
        }, TestContext.Current.CancellationToken).AsTask();

        await Eventually.HoldsAsync(() => calls == 1, "the first attempt to be made");
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, calls);
        time.Advance(TimeSpan.FromSeconds(1));
        var result = await running;

        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal(2, calls);

        var conflicts = 0;
        var conflict = await pipeline.ExecuteAsync(_ =>
        {
            conflicts++;
            return ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.Conflict));
        }, TestContext.Current.CancellationToken);
        Assert.Equal((HttpStatusCode.Conflict, 1), (conflict.StatusCode, conflicts));
    }
}

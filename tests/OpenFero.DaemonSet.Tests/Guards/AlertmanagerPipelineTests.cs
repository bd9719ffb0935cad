using System.Net;
using Microsoft.Extensions.Time.Testing;
using OpenFero.DaemonSet.Alertmanager;
using Polly.Retry;
using Polly.Testing;
using Polly.Timeout;

namespace OpenFero.DaemonSet.Tests.Guards;

/// <summary>The Alertmanager client's pipeline: its composition, and its retries on the injected clock.</summary>
public sealed class AlertmanagerPipelineTests
{
    [Fact]
    public void Pipeline_is_retry_then_attempt_timeout()
    {
        var options = new AlertmanagerOptions();

        var descriptor = AlertmanagerResiliencePipeline.Build(options, TimeProvider.System).GetPipelineDescriptor();

        Assert.Collection(descriptor.Strategies,
            s => Assert.Equal(options.MaxRetryAttempts, Assert.IsType<RetryStrategyOptions<HttpResponseMessage>>(s.Options).MaxRetryAttempts),
            s => Assert.Equal(options.Timeout, Assert.IsType<TimeoutStrategyOptions>(s.Options).Timeout));
    }

    [Fact]
    public async Task A_503_is_retried_after_the_servers_Retry_After_and_a_400_is_an_answer()
    {
        var time = new FakeTimeProvider();
        var pipeline = AlertmanagerResiliencePipeline.Build(new AlertmanagerOptions(), time);
        var calls = 0;

        var running = pipeline.ExecuteAsync(_ =>
        {
            calls++;
            var response = new HttpResponseMessage(calls == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
            return ValueTask.FromResult(response);
        }, TestContext.Current.CancellationToken).AsTask();

        await Eventually.HoldsAsync(() => calls == 1, "the first attempt to be made");
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, calls);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
        Assert.Equal(2, calls);

        var refusals = 0;
        var refused = await pipeline.ExecuteAsync(_ =>
        {
            refusals++;
            return ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest));
        }, TestContext.Current.CancellationToken);
        Assert.Equal((HttpStatusCode.BadRequest, 1), (refused.StatusCode, refusals));
    }
}

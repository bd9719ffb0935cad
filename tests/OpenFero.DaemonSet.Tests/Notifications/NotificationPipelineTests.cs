using OpenFero.DaemonSet.Notifications;
using Polly.Retry;
using Polly.Testing;
using Polly.Timeout;

namespace OpenFero.DaemonSet.Tests.Notifications;

public sealed class NotificationPipelineTests
{
    [Fact]
    public void Pipeline_is_total_timeout_then_retry_then_attempt_timeout()
    {
        var options = new NotificationOptions();

        var descriptor = NotificationPipeline.Build(options, TimeProvider.System).GetPipelineDescriptor();

        Assert.Collection(descriptor.Strategies,
            s => Assert.Equal(options.TotalTimeout, Assert.IsType<TimeoutStrategyOptions>(s.Options).Timeout),
            s => Assert.Equal(options.MaxRetryAttempts, Assert.IsType<RetryStrategyOptions<HttpResponseMessage>>(s.Options).MaxRetryAttempts),
            s => Assert.Equal(options.AttemptTimeout, Assert.IsType<TimeoutStrategyOptions>(s.Options).Timeout));
    }

    [Fact]
    public void A_Retry_After_longer_than_the_longest_wait_is_cut_to_it()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromMinutes(1), NotificationPipeline.RetryAfter(response, TimeProvider.System, TimeSpan.FromMinutes(1)));
    }
}

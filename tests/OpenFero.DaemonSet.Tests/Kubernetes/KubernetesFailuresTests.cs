using System.Net;
using OpenFero.DaemonSet.Kubernetes;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace OpenFero.DaemonSet.Tests.Kubernetes;

/// <summary>What a failed Kubernetes call means: out of reach (try again later), or an error answer.</summary>
public sealed class KubernetesFailuresTests
{
    public static TheoryData<Exception, bool, bool> Failures => new()
    {
        { new HttpRequestException("refused"), true, true },
        { new IOException("reset"), true, true },
        { new TimeoutRejectedException(), true, true },
        { new BrokenCircuitException(), true, true },
        { new TaskCanceledException(), true, true },
        { ConflictRetryTests.Answer(HttpStatusCode.ServiceUnavailable), true, true },
        { ConflictRetryTests.Answer(HttpStatusCode.TooManyRequests), true, true },
        { ConflictRetryTests.Answer(HttpStatusCode.Forbidden), true, true },
        { ConflictRetryTests.Answer(HttpStatusCode.Unauthorized), true, true },
        { ConflictRetryTests.Answer(HttpStatusCode.NotFound), false, true },
        { ConflictRetryTests.Answer(HttpStatusCode.Conflict), false, true },
        { ConflictRetryTests.Answer(HttpStatusCode.UnprocessableEntity), false, true },
        { new InvalidOperationException("a bug"), false, false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Out_of_reach_is_a_transport_failure_a_5xx_429_or_refused_credentials(Exception error, bool unavailable, bool failure)
    {
        Assert.Equal((unavailable, failure), (KubernetesFailures.IsUnavailable(error), KubernetesFailures.IsFailure(error)));
    }
}

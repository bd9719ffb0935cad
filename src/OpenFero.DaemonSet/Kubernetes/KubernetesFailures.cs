using System.Net;
using k8s.Autorest;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace OpenFero.DaemonSet.Kubernetes;

/// <summary>What a failed call to Kubernetes means, defined once for every caller.</summary>
public static class KubernetesFailures
{
    /// <summary>Kubernetes is out of reach now (transport, timeout, open circuit, 5xx, 429, or this server's credentials refused): worth a 503 and another try later.</summary>
    public static bool IsUnavailable(Exception error) =>
        error is HttpRequestException or IOException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException ||
        error is HttpOperationException { Response.StatusCode: >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized };

    /// <summary>Any failed call: out of reach, or an error answer (404, 409, 422…) the caller did not expect.</summary>
    public static bool IsFailure(Exception error) => IsUnavailable(error) || error is HttpOperationException;
}

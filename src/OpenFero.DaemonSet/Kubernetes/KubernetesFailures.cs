using System.Net;
using k8s.Autorest;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace OpenFero.DaemonSet.Kubernetes;

/// <summary>Which failures mean "Kubernetes is out of reach now": worth a 503 and another try later.</summary>
public static class KubernetesFailures
{
    public static bool IsUnavailable(Exception error) =>
        error is HttpRequestException or IOException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException ||
        error is HttpOperationException { Response.StatusCode: >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized };
}

using Polly;

namespace OpenFero.DaemonSet.Kubernetes;

/// <summary>
/// Puts the resilience pipeline in front of KubernetesClient's HTTP calls. Watches stream for minutes and are
/// re-established by their owners (list+watch loops), so they pass straight through.
/// </summary>
public sealed class ResilientKubernetesHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) == true)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        return await pipeline.ExecuteAsync(
            static async (state, token) =>
            {
                var response = await state.Handler.SendCoreAsync(state.Request, token);
                return response;
            },
            (Handler: this, Request: request),
            cancellationToken);
    }

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}

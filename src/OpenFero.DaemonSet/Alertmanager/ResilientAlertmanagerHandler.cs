using Polly;

namespace OpenFero.DaemonSet.Alertmanager;

/// <summary>Puts <see cref="AlertmanagerResiliencePipeline"/> in front of the client's requests.</summary>
public sealed class ResilientAlertmanagerHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            // A retry sends the body again.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        return await pipeline.ExecuteAsync(
            static async (state, token) => await state.Handler.SendCoreAsync(state.Request, token),
            (Handler: this, Request: request),
            cancellationToken);
    }

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}

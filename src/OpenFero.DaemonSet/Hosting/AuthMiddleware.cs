using Microsoft.AspNetCore.Http;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>Every endpoint but the health probes needs the configured credentials; otherwise 401 with a challenge.</summary>
public sealed class AuthMiddleware(RequestDelegate next, CredentialCheck credentials)
{
    private static readonly PathString[] Open = ["/healthz", "/readyz"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (credentials.Mode == AuthMode.None || Open.Any(p => context.Request.Path.Equals(p, StringComparison.Ordinal)) ||
            credentials.Accepts(context.Request.Headers.Authorization))
        {
            await next(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = credentials.Challenge;
        await Results.Problem(statusCode: 401, title: "Unauthorized", detail: "missing or wrong credentials").ExecuteAsync(context);
    }
}

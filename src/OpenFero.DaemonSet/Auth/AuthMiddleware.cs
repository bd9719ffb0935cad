namespace OpenFero.DaemonSet.Auth;

/// <summary>
/// Every endpoint but the health probes needs the configured credentials; otherwise 401 with a challenge. When
/// the server cannot read its own secret it answers 503, not 401: Alertmanager drops a delivery refused with a
/// 4xx but retries a 5xx, and the fault is the server's, so the alerts wait for the secret instead of being lost.
/// </summary>
public sealed class AuthMiddleware(RequestDelegate next, CredentialCheck credentials)
{
    private static readonly PathString[] Open = ["/healthz", "/readyz"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (credentials.Mode == AuthMode.None || Open.Any(p => context.Request.Path.Equals(p, StringComparison.Ordinal)))
        {
            await next(context);
            return;
        }

        switch (credentials.Check(context.Request.Headers.Authorization))
        {
            case CredentialCheck.Verdict.Accepted:
                await next(context);
                break;
            case CredentialCheck.Verdict.SecretUnavailable unavailable:
                context.Response.Headers.RetryAfter = "30";
                await Results.Problem(statusCode: 503, title: "Service Unavailable",
                    detail: $"the server cannot read its own credentials ({unavailable.Setting}); try again later").ExecuteAsync(context);
                break;
            default:
                context.Response.Headers.WWWAuthenticate = credentials.Challenge;
                await Results.Problem(statusCode: 401, title: "Unauthorized", detail: "missing or wrong credentials").ExecuteAsync(context);
                break;
        }
    }
}

using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace OpenFero.DaemonSet.Auth;

/// <summary>
/// The configured credentials (none, basic or bearer) as an authentication scheme; a refused caller gets 401 with a
/// challenge. When the server cannot read its own secret it answers 503, not 401: Alertmanager drops a delivery
/// refused with a 4xx but retries a 5xx, and the fault is the server's, so the alerts wait for the secret instead
/// of being lost.
/// </summary>
public sealed class CredentialAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CredentialCheck credentials)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "openfero";

    private static readonly AuthenticationTicket Caller = new(new ClaimsPrincipal(new ClaimsIdentity(SchemeName)), SchemeName);

    private CredentialCheck.Verdict? verdict;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        verdict = credentials.Check(Request.Headers.Authorization);
        return Task.FromResult(verdict switch
        {
            CredentialCheck.Verdict.Accepted => AuthenticateResult.Success(Caller),
            CredentialCheck.Verdict.SecretUnavailable => AuthenticateResult.Fail("the server cannot read its own credentials"),
            _ => AuthenticateResult.Fail("missing or wrong credentials"),
        });
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (verdict is CredentialCheck.Verdict.SecretUnavailable unavailable)
        {
            Response.Headers.RetryAfter = "30";
            return Results.Problem(statusCode: 503, title: "Service Unavailable",
                detail: $"the server cannot read its own credentials ({unavailable.Setting}); try again later").ExecuteAsync(Context);
        }

        Response.Headers.WWWAuthenticate = credentials.Challenge;
        return Results.Problem(statusCode: 401, title: "Unauthorized", detail: "missing or wrong credentials").ExecuteAsync(Context);
    }
}

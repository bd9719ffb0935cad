using Microsoft.AspNetCore.Authentication;
using OpenFero.DaemonSet.Configuration;

namespace OpenFero.DaemonSet.Auth;

public static class AuthRegistration
{
    private const string Policy = "configured-credentials";

    /// <summary>
    /// The <c>Auth</c> settings, validated at start, and, unless <c>Auth:Mode</c> is <c>None</c>, the scheme and the
    /// policy that check them. With <c>None</c> no authentication runs at all: it would accept every request anyway,
    /// and it costs a tenth of a deduplicated delivery's time. A mode that does not parse gets the scheme (fail
    /// closed) and stops the start in the options' validation.
    /// </summary>
    public static IHostApplicationBuilder AddServerAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedSection<AuthOptions>(AuthOptions.Section);
        builder.Services.AddSingleton<CredentialCheck>();
        var mode = builder.Configuration[$"{AuthOptions.Section}:{nameof(AuthOptions.Mode)}"];
        if (mode is null || (Enum.TryParse<AuthMode>(mode, ignoreCase: true, out var parsed) && parsed == AuthMode.None))
        {
            return builder;
        }

        builder.Services.AddSingleton<CredentialsRequired>();
        builder.Services.AddAuthentication(CredentialAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, CredentialAuthenticationHandler>(CredentialAuthenticationHandler.SchemeName, configureOptions: null);
        builder.Services.AddAuthorizationBuilder()
            // The default scheme, so each request is authenticated once (by the authentication middleware).
            .AddPolicy(Policy, policy => policy.RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>The group's endpoints need the configured credentials (<c>Auth:Mode</c> Basic or Bearer).</summary>
    public static RouteGroupBuilder RequireCredentials(this RouteGroupBuilder group) =>
        ((IEndpointRouteBuilder)group).ServiceProvider.GetService<CredentialsRequired>() is null ? group : group.RequireAuthorization(Policy);

    /// <summary>Registered when a mode other than <c>None</c> is configured.</summary>
    private sealed class CredentialsRequired;
}

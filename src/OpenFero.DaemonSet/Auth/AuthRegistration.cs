using Microsoft.AspNetCore.Authentication;

namespace OpenFero.DaemonSet.Auth;

public static class AuthRegistration
{
    private const string Policy = "configured-credentials";

    /// <summary>The <c>Auth</c> settings, validated at start, and the scheme and policy that check them.</summary>
    public static IServiceCollection AddServerAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CredentialCheck>();
        services.AddAuthentication(CredentialAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, CredentialAuthenticationHandler>(CredentialAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddAuthorizationBuilder()
            // The default scheme, so each request is authenticated once (by the authentication middleware).
            .AddPolicy(Policy, policy => policy.RequireAuthenticatedUser());
        return services;
    }

    /// <summary>These endpoints need the configured credentials (<c>Auth:Mode</c>); with <c>None</c> everyone passes.</summary>
    public static TBuilder RequireCredentials<TBuilder>(this TBuilder endpoints)
        where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireAuthorization(Policy);
}

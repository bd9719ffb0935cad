using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OpenFero.DaemonSet.Auth;

/// <summary>
/// Checks the Authorization header against the configured credentials in constant time: the secret's
/// length leaks nothing, because both sides are hashed before the fixed-time comparison. A secret mounted as a
/// file is authoritative: when it cannot be read nobody is let in (fail closed).
/// </summary>
public sealed class CredentialCheck
{
    private readonly AuthOptions auth;
    private readonly Func<string?> token;
    private readonly Func<string?> password;

    public CredentialCheck(IOptions<AuthOptions> options, ILogger<CredentialCheck> logger)
    {
        auth = options.Value;
        token = From(auth.TokenFile, "Auth:TokenFile", auth.Token, logger);
        password = From(auth.PasswordFile, "Auth:PasswordFile", auth.Password, logger);
    }

    public abstract record Verdict
    {
        public sealed record Accepted : Verdict;

        public sealed record Refused : Verdict;

        /// <summary>The server's own secret cannot be read: not the caller's fault, so worth retrying.</summary>
        public sealed record SecretUnavailable(string Setting) : Verdict;
    }

    public AuthMode Mode => auth.Mode;

    public string Challenge => auth.Mode == AuthMode.Basic ? "Basic realm=\"openfero\"" : "Bearer realm=\"openfero\"";

    public Verdict Check(string? authorization)
    {
        switch (auth.Mode)
        {
            case AuthMode.None:
                return new Verdict.Accepted();
            case AuthMode.Bearer:
                return token() is { } expected
                    ? Decide(TryParse(authorization, "Bearer") is { } offered && SameSecret(offered, expected))
                    : new Verdict.SecretUnavailable("Auth:TokenFile");
            case AuthMode.Basic:
                return password() is { } expectedPassword
                    ? Decide(TryParse(authorization, "Basic") is { } encoded && BasicMatches(encoded, expectedPassword))
                    : new Verdict.SecretUnavailable("Auth:PasswordFile");
            default:
                return new Verdict.Refused();
        }
    }

    private static Func<string?> From(string? file, string setting, string? inline, ILogger logger)
    {
        if (file is null)
        {
            return () => inline;
        }

        var secret = new SecretFile(setting, file, logger);
        return secret.Read;
    }

    private static Verdict Decide(bool matches) => matches ? new Verdict.Accepted() : new Verdict.Refused();

    private static string? TryParse(string? authorization, string scheme) =>
        AuthenticationHeaderValue.TryParse(authorization, out var header) && header.Parameter is not null &&
        header.Scheme.Equals(scheme, StringComparison.OrdinalIgnoreCase)
            ? header.Parameter
            : null;

    private bool BasicMatches(string encoded, string expectedPassword)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        // Both halves are always compared, so a wrong user name takes as long as a wrong password.
        var userMatches = SameSecret(decoded[..colon], auth.Username!);
        var passwordMatches = SameSecret(decoded[(colon + 1)..], expectedPassword);
        return userMatches & passwordMatches;
    }

    private static bool SameSecret(string offered, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(offered)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

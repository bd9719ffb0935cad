using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// Checks the Authorization header against the configured credentials in constant time: the secret's
/// length leaks nothing, because both sides are hashed before the fixed-time comparison.
/// </summary>
public sealed class CredentialCheck(IOptions<AuthOptions> options)
{
    private readonly AuthOptions auth = options.Value;

    public AuthMode Mode => auth.Mode;

    public string Challenge => auth.Mode == AuthMode.Basic ? "Basic realm=\"openfero\"" : "Bearer realm=\"openfero\"";

    public bool Accepts(string? authorization)
    {
        if (auth.Mode == AuthMode.None)
        {
            return true;
        }

        if (!AuthenticationHeaderValue.TryParse(authorization, out var header) || header.Parameter is null)
        {
            return false;
        }

        return auth.Mode switch
        {
            AuthMode.Bearer => header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && SameSecret(header.Parameter, auth.ResolvedToken!),
            AuthMode.Basic => header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && BasicMatches(header.Parameter),
            _ => false,
        };
    }

    private bool BasicMatches(string encoded)
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
        var passwordMatches = SameSecret(decoded[(colon + 1)..], auth.ResolvedPassword!);
        return userMatches & passwordMatches;
    }

    private static bool SameSecret(string offered, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(offered)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

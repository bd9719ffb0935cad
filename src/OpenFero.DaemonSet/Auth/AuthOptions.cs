using System.ComponentModel.DataAnnotations;

namespace OpenFero.DaemonSet.Auth;

public enum AuthMode
{
    None,
    Basic,
    Bearer,
}

/// <summary>
/// Who may call the server: nobody checked, HTTP basic, or a bearer token. Secrets come from configuration,
/// the environment (<c>Auth__Token</c>…) or a mounted file (<c>TokenFile</c>, <c>PasswordFile</c>).
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    public AuthMode Mode { get; set; } = AuthMode.None;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? PasswordFile { get; set; }
    public string? Token { get; set; }
    public string? TokenFile { get; set; }

    public string? ResolvedPassword => Read(PasswordFile) ?? Password;

    public string? ResolvedToken => Read(TokenFile) ?? Token;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode == AuthMode.Basic && (string.IsNullOrEmpty(Username) || string.IsNullOrEmpty(ResolvedPassword)))
        {
            yield return new ValidationResult("Auth:Mode is Basic: set Auth:Username and Auth:Password (or Auth:PasswordFile)", [nameof(Username), nameof(Password)]);
        }

        if (Mode == AuthMode.Bearer && string.IsNullOrEmpty(ResolvedToken))
        {
            yield return new ValidationResult("Auth:Mode is Bearer: set Auth:Token (or Auth:TokenFile)", [nameof(Token)]);
        }

        foreach (var file in new[] { (PasswordFile, "Auth:PasswordFile"), (TokenFile, "Auth:TokenFile") })
        {
            if (file.Item1 is not null && !File.Exists(file.Item1))
            {
                yield return new ValidationResult($"{file.Item2}: file {file.Item1} does not exist", [file.Item2]);
            }
        }
    }

    private static string? Read(string? path) => path is not null && File.Exists(path) ? File.ReadAllText(path).Trim() : null;
}

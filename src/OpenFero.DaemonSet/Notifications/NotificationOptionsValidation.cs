using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// Checks each destination when the host starts, with messages that name the key to fix
/// (<c>Notifications:Destinations:0:Url: set Url or UrlFile</c>). A URL is never repeated in a message: it is a secret.
/// </summary>
public sealed class NotificationOptionsValidation : IValidateOptions<NotificationOptions>
{
    /// <summary>The outcomes a route may name: the runner's, and <c>unknown</c> for a Job that gave none.</summary>
    public static readonly IReadOnlyList<string> KnownOutcomes = [.. Enum.GetValues<RemediationResult>().Select(r => r.WireName()), "unknown"];

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var failures = options.Destinations.SelectMany((destination, index) => Problems(destination).Select(p => $"{NotificationOptions.Section}:Destinations:{index}:{p}")).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> Problems(DestinationOptions destination)
    {
        if (destination.Type is null)
        {
            yield return $"Type: set {string.Join(", ", Enum.GetNames<DestinationType>())}";
        }

        var hasUrl = !string.IsNullOrWhiteSpace(destination.Url);
        var hasUrlFile = !string.IsNullOrWhiteSpace(destination.UrlFile);
        var botToken = !string.IsNullOrWhiteSpace(destination.Token);
        if (hasUrl && hasUrlFile)
        {
            yield return "Url: set Url or UrlFile, not both";
        }
        else if (!hasUrl && !hasUrlFile && !botToken)
        {
            yield return "Url: set Url or UrlFile";
        }
        else if (hasUrl && !IsHttpUrl(destination.Url!))
        {
            yield return "Url: must be an absolute http:// or https:// URL";
        }

        if (botToken && destination.Type is not DestinationType.Slack and not null)
        {
            yield return "Token: only a Slack destination takes a bot token";
        }

        if (botToken && string.IsNullOrWhiteSpace(destination.Channel))
        {
            yield return "Channel: a Slack bot token posts to a channel; set Channel";
        }

        if (destination.MinSeverity is { } severity && !AlertSeverity.IsKnown(severity))
        {
            yield return $"MinSeverity: '{severity}' is not one of {string.Join(", ", AlertSeverity.Ordered)}";
        }

        foreach (var (index, outcome) in destination.Outcomes.Index())
        {
            if (!KnownOutcomes.Contains(outcome, StringComparer.OrdinalIgnoreCase))
            {
                yield return $"Outcomes:{index}: '{outcome}' is not one of {string.Join(", ", KnownOutcomes)}";
            }
        }
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps);
}

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// A destination's URL, from <see cref="DestinationOptions.Url"/> or read from <see cref="DestinationOptions.UrlFile"/>
/// at each send (a rotated Secret takes effect without a restart). <see cref="Redact"/> keeps what may be logged.
/// </summary>
public static class DestinationUrl
{
    public const string SlackApi = "https://slack.com/api";

    /// <exception cref="NotificationFailure">The file cannot be read or holds no http(s) URL (the reason <c>urlFile</c>).</exception>
    public static Uri Resolve(DestinationOptions destination)
    {
        string text;
        if (destination.UrlFile is { Length: > 0 } file)
        {
            try
            {
                text = File.ReadAllText(file).Trim();
            }
            catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
            {
                throw new NotificationFailure("urlFile", $"UrlFile {file} cannot be read: {unreadable.GetType().Name}");
            }
        }
        else
        {
            text = destination.Url is { Length: > 0 } url ? url : SlackApi;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            ? parsed
            : throw new NotificationFailure("urlFile", $"UrlFile {destination.UrlFile} holds no http:// or https:// URL");
    }

    /// <summary>The scheme and host only: a Slack or Teams webhook's path and query are its secret.</summary>
    public static string Redact(Uri url) => url.IsDefaultPort ? $"{url.Scheme}://{url.Host}" : $"{url.Scheme}://{url.Host}:{url.Port}";

    /// <summary>What a destination is called in logs before its URL is read: its configured host, else its key.</summary>
    public static string Describe(DestinationOptions destination, int index) =>
        Uri.TryCreate(destination.Url, UriKind.Absolute, out var url) ? Redact(url)
        : destination.UrlFile is { Length: > 0 } ? $"{NotificationOptions.Section}:Destinations:{index}:UrlFile"
        : Redact(new Uri(SlackApi));
}

using System.Globalization;
using Polly;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// A message a destination did not take: <see cref="Reason"/> is the metric's label (the status code, the exception
/// type, <c>slack:&lt;error&gt;</c>), and the message is safe to log: it never holds the URL.
/// </summary>
public sealed class NotificationFailure(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;

    public static NotificationFailure Of(HttpResponseMessage response) => new(
        ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
        $"answered {(int)response.StatusCode} {response.ReasonPhrase}");

    /// <summary>What went wrong, as a label: never a message, which may name the URL.</summary>
    public static string ReasonOf(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } error ? ReasonOf(error) : ((int)outcome.Result!.StatusCode).ToString(CultureInfo.InvariantCulture);

    public static string ReasonOf(Exception error) => error is NotificationFailure failure ? failure.Reason : error.GetType().Name;
}

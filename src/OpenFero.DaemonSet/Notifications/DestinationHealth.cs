namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// Logs a destination's outage once: a warning at its first failure, an information when a message is taken again.
/// Failures in between are counted in the metrics only. Names the destination by scheme and host, never by its URL.
/// </summary>
public sealed partial class DestinationHealth(string destination, DestinationType type, ILogger logger)
{
    private int failures;

    public void Delivered()
    {
        var failed = Interlocked.Exchange(ref failures, 0);
        if (failed > 0)
        {
            LogRecovered(logger, type, destination, failed);
        }
    }

    public void Failed(string reason, string message)
    {
        if (Interlocked.Increment(ref failures) == 1)
        {
            LogDown(logger, type, destination, reason, message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Notifications to {DestinationType} destination {Destination} fail ({Reason}: {Problem}); remediations go on, and further failures are only counted until it takes a message again")]
    private static partial void LogDown(ILogger logger, DestinationType destinationType, string destination, string reason, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notifications to {DestinationType} destination {Destination} are delivered again, after {Failures} not delivered")]
    private static partial void LogRecovered(ILogger logger, DestinationType destinationType, string destination, int failures);
}

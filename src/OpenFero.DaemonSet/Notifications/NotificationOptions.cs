using System.ComponentModel.DataAnnotations;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// Where remediations are told to people and systems (<c>Notifications:Destinations:N:…</c>), and how hard sending
/// tries. A destination that is down never holds a remediation up: messages wait in a bounded queue per destination.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public List<DestinationOptions> Destinations { get; set; } = [];

    /// <summary>Messages waiting per destination; when it is full the newest is dropped and counted.</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 1000;

    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest a server's Retry-After is honoured; a longer one is cut to this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);
}

using System.ComponentModel.DataAnnotations;

namespace OpenFero.DaemonSet.Dispatch;

public sealed class FollowUpOptions
{
    public const string Section = "FollowUps";

    /// <summary>Jobs whose follow-ups are worked on at the same time.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 4;

    /// <summary>How often every Job in the cache is looked at again, for follow-ups that failed or were missed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a replica's claim on a Job's follow-ups holds before another replica may take it over (the claimer
    /// stopped). Longer than a step can take with the Kubernetes pipeline's retries.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);
}

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// How long a DaemonSet's Lease remembers: each Job it started for as long as the Job exists, and for the
/// retention after its start once it is gone (longer than Alertmanager's repeat_interval, so a re-send of a
/// long-firing alert finds its record after the Job's ttlSecondsAfterFinished removed it). A Lease that
/// remembers nothing any more, holds nothing and is past its cooldown and start grace may be deleted.
/// </summary>
public static class LeaseRetention
{
    /// <summary>The records to write back: what is still remembered at <paramref name="now"/>, newest first, bounded.</summary>
    public static IReadOnlyList<RemediatedJob> Remembered(LeaseState lease, DateTimeOffset now, Func<string, JobPresence> jobs, LeaseRules rules)
    {
        // The current cooldown too: a doubled cooldown needs the record of the remediation it follows.
        var keep = Max(rules.Retention, LeaseDecision.CurrentCooldown(lease, jobs, rules), lease.Cooldown);
        return [.. LeaseDecision.StartedJobs(lease, jobs)
            .Where(r => jobs(r.Job) != JobPresence.Absent || r.Started + keep > now)
            .DistinctBy(r => r.Job)
            .OrderByDescending(r => r.Started)
            .Take(LeaseState.MaxRemembered)];
    }

    public static bool MayDelete(LeaseState lease, DateTimeOffset now, Func<string, JobPresence> jobs, LeaseRules rules)
    {
        if (lease.Remediated.Select(r => r.Job).Append(lease.Holder).OfType<string>().Any(job => jobs(job) != JobPresence.Absent))
        {
            return false;
        }

        var latest = lease.Remediated.Select(r => r.Started).Append(lease.Acquired).Max();
        return latest + Max(rules.Retention, rules.StartGrace, LeaseDecision.CurrentCooldown(lease, jobs, rules), lease.Cooldown) <= now;
    }

    private static TimeSpan Max(params ReadOnlySpan<TimeSpan> spans)
    {
        var max = TimeSpan.Zero;
        foreach (var span in spans)
        {
            max = span > max ? span : max;
        }

        return max;
    }
}

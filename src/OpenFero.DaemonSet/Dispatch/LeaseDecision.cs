namespace OpenFero.DaemonSet.Dispatch;

/// <summary>What this replica's Job cache knows of a Job by name.</summary>
public enum JobPresence
{
    Absent,
    Running,
    Finished,
}

/// <summary>
/// The times the Lease decisions weigh: the alert's cooldown; how long a tentative holder without a Job may still
/// be creating it (longer than any create can take); how long a Job is remembered once it is gone; the longest the
/// cooldown grows to (<see cref="CooldownAfter"/>; the base cooldown when not given).
/// </summary>
public sealed record LeaseRules(TimeSpan Cooldown, TimeSpan StartGrace, TimeSpan Retention, TimeSpan? MaxCooldown = null)
{
    /// <summary>The longest cooldown, never below the base one.</summary>
    public TimeSpan LongestCooldown => MaxCooldown is { } max && max > Cooldown ? max : Cooldown;

    /// <summary>The cooldown after <paramref name="notRolledOut"/> remediations in a row that did not roll out: base × 2^n, capped.</summary>
    public TimeSpan CooldownAfter(int notRolledOut)
    {
        var cooldown = Cooldown;
        for (var i = 0; i < notRolledOut && cooldown < LongestCooldown; i++)
        {
            cooldown *= 2;
        }

        return cooldown > LongestCooldown ? LongestCooldown : cooldown;
    }
}

/// <summary>
/// May this alert instance's Job start on its DaemonSet now? A pure decision over the Lease, the time, what the
/// Job cache knows and the rules; the guard does the reading and writing around it.
/// </summary>
public abstract record LeaseDecision
{
    /// <summary>Nothing holds the DaemonSet: take the Lease (or keep it, when this Job already holds it) and create the Job.</summary>
    public sealed record Proceed : LeaseDecision;

    /// <summary>This alert instance was remediated, and its Job still exists or was started within the retention.</summary>
    public sealed record AlreadyRemediated(string Job, DateTimeOffset Started) : LeaseDecision;

    /// <summary>Another remediation of the DaemonSet has not finished.</summary>
    public sealed record BlockedByRunningJob(string Job) : LeaseDecision;

    /// <summary>Another alert took the Lease moments ago and may be creating its Job right now.</summary>
    public sealed record BlockedByStart(string Job, DateTimeOffset Acquired) : LeaseDecision;

    /// <summary>The DaemonSet was remediated recently; <paramref name="NotRolledOut"/> remediations in a row did not roll out, doubling the cooldown each.</summary>
    public sealed record BlockedByCooldown(string Job, DateTimeOffset Until, int NotRolledOut = 0) : LeaseDecision;

    public static LeaseDecision Decide(LeaseState? lease, string job, DateTimeOffset now, Func<string, JobPresence> jobs, LeaseRules rules)
    {
        if (lease is null)
        {
            return new Proceed();
        }

        var started = StartedJobs(lease, jobs);
        if (started.FirstOrDefault(r => r.Job == job) is { } remediated && (jobs(job) != JobPresence.Absent || remediated.Started + rules.Retention > now))
        {
            return new AlreadyRemediated(job, remediated.Started);
        }

        if (lease.Holder is { } holder && holder != job)
        {
            var presence = jobs(holder);
            if (presence == JobPresence.Running)
            {
                return new BlockedByRunningJob(holder);
            }

            if (presence == JobPresence.Absent && !lease.Remembers(holder) && lease.Acquired + rules.StartGrace > now)
            {
                return new BlockedByStart(holder, lease.Acquired);
            }
        }

        // The cooldown holds for every alert, the holder's own included, and counts from the latest Job that started
        // and changed the cluster (or may have: one still running, or one that gave no outcome). It doubles for each
        // remediation in a row, newest first, that acted and did not roll out; one that rolled out ends the streak.
        var notRolledOut = NotRolledOutInARow(started);
        var cooldown = rules.CooldownAfter(notRolledOut);
        return started.Where(r => r.ChangedTheCluster).MaxBy(r => r.Started) is { } latest && latest.Started + cooldown > now
            ? new BlockedByCooldown(latest.Job, latest.Started + cooldown, notRolledOut)
            : new Proceed();
    }

    /// <summary>The remediations in a row, newest first, that acted and did not roll out; one that rolled out (or is still running) ends the row.</summary>
    public static int NotRolledOutInARow(IEnumerable<RemediatedJob> started) =>
        started.Where(r => r.ChangedTheCluster).OrderByDescending(r => r.Started).TakeWhile(r => r.DidNotRollOut).Count();

    /// <summary>The cooldown that follows the Lease's latest remediation: the base, doubled for each in a row that did not roll out.</summary>
    public static TimeSpan CurrentCooldown(LeaseState lease, Func<string, JobPresence> jobs, LeaseRules rules) =>
        rules.CooldownAfter(NotRolledOutInARow(StartedJobs(lease, jobs)));

    /// <summary>
    /// What a created Job adds to its DaemonSet's Lease: nothing when the Lease already lists it; else the Job,
    /// started when it took the Lease if it holds it (its take is when it started), or now.
    /// </summary>
    public static RemediatedJob? ToRecord(LeaseState? lease, string job, DateTimeOffset now) => lease switch
    {
        null => new RemediatedJob(job, now),
        _ when lease.Remembers(job) => null,
        { Holder: var holder } when holder == job => new RemediatedJob(job, lease.Acquired),
        _ => new RemediatedJob(job, now),
    };

    /// <summary>
    /// The Jobs the Lease remembers starting, plus a tentative holder whose Job exists (its create landed but was
    /// not recorded): a holder with no Job never ran, and is not remembered.
    /// </summary>
    public static IReadOnlyList<RemediatedJob> StartedJobs(LeaseState lease, Func<string, JobPresence> jobs) =>
        lease.Holder is { } holder && !lease.Remembers(holder) && jobs(holder) != JobPresence.Absent
            ? [new RemediatedJob(holder, lease.Acquired), .. lease.Remediated]
            : lease.Remediated;
}

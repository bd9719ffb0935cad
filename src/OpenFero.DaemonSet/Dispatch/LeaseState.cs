using System.Globalization;
using k8s.Models;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// A Job a DaemonSet's Lease remembers starting: its name (one alert instance for one Operarius) and when.
/// <paramref name="ChangedTheCluster"/> is false once the Job ended without changing the DaemonSet (declined, dry run,
/// error): it still deduplicates its alert instance, but no cooldown follows it. <paramref name="DidNotRollOut"/> is
/// true once the Job ended having acted without the DaemonSet rolling out: each such Job in a row doubles the cooldown.
/// </summary>
public sealed record RemediatedJob(string Job, DateTimeOffset Started, bool ChangedTheCluster = true, bool DidNotRollOut = false);

/// <summary>
/// A DaemonSet's Lease as the guard reasons about it. <see cref="Holder"/> is the latest take: tentative until
/// its Job was created, then also listed in <see cref="Remediated"/>, the Jobs the Lease remembers starting
/// (annotation <c>openfero.io/remediated</c>, <c>job=RFC3339,…</c>, <c>job=RFC3339;unchanged</c> for a Job that
/// ended without changing the cluster, <c>job=RFC3339;notRolledOut</c> for one that acted and did not roll out; newest first, at most
/// <see cref="MaxRemembered"/>). <see cref="Cooldown"/> is the holder's cooldown, kept as the Lease's duration.
/// </summary>
public sealed record LeaseState(string? Holder, DateTimeOffset Acquired, TimeSpan Cooldown, IReadOnlyList<RemediatedJob> Remediated)
{
    public const int MaxRemembered = 64;

    /// <summary>The mark of a remembered Job that ended without changing the cluster.</summary>
    public const string UnchangedMark = ";unchanged";

    /// <summary>The mark of a remembered Job that acted and did not roll out.</summary>
    public const string NotRolledOutMark = ";notRolledOut";

    public static LeaseState From(V1Lease lease) => new(
        string.IsNullOrEmpty(lease.Spec?.HolderIdentity) ? null : lease.Spec.HolderIdentity,
        lease.Spec?.AcquireTime is { } acquired ? new DateTimeOffset(DateTime.SpecifyKind(acquired, DateTimeKind.Utc)) : DateTimeOffset.MinValue,
        TimeSpan.FromSeconds(lease.Spec?.LeaseDurationSeconds ?? 0),
        Parse(lease.Metadata?.Annotations is { } annotations && annotations.TryGetValue(JobLabels.RemediatedAnnotation, out var remediated) ? remediated : null));

    public bool Remembers(string job) => Remediated.Any(r => r.Job == job);

    public static IReadOnlyList<RemediatedJob> Parse(string? annotation)
    {
        var jobs = new List<RemediatedJob>();
        foreach (var entry in (annotation ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // An entry this server cannot read is dropped rather than trusted: it could only ever block.
            var parts = entry.Split('=', 2);
            var unchanged = parts.Length == 2 && parts[1].EndsWith(UnchangedMark, StringComparison.Ordinal);
            var notRolledOut = parts.Length == 2 && parts[1].EndsWith(NotRolledOutMark, StringComparison.Ordinal);
            var time = (unchanged, notRolledOut) switch
            {
                (true, _) => parts[1][..^UnchangedMark.Length],
                (_, true) => parts[1][..^NotRolledOutMark.Length],
                _ => parts.ElementAtOrDefault(1),
            };
            if (parts.Length == 2 && parts[0].Length > 0 &&
                DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var started))
            {
                jobs.Add(new RemediatedJob(parts[0], started, !unchanged, notRolledOut));
            }
        }

        return jobs;
    }

    public static string Format(IEnumerable<RemediatedJob> jobs) => string.Join(',', jobs
        .OrderByDescending(j => j.Started)
        .ThenBy(j => j.Job, StringComparer.Ordinal)
        .Take(MaxRemembered)
        .Select(j => $"{j.Job}={j.Started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}{Mark(j)}"));

    private static string Mark(RemediatedJob job) => job switch
    {
        { ChangedTheCluster: false } => UnchangedMark,
        { DidNotRollOut: true } => NotRolledOutMark,
        _ => "",
    };

    /// <summary>
    /// The Lease once <paramref name="job"/> acted and did not roll out: remembered so, its cooldown kept, so that the
    /// next remediation's cooldown doubles. Null when there is nothing to change.
    /// </summary>
    public LeaseState? WithNotRolledOut(string job, DateTimeOffset started)
    {
        if (Remediated.Any(r => r.Job == job && (r.DidNotRollOut || !r.ChangedTheCluster)))
        {
            return null;
        }

        var own = Remediated.FirstOrDefault(r => r.Job == job) ?? new RemediatedJob(job, Holder == job ? Acquired : started);
        return this with { Remediated = [own with { DidNotRollOut = true }, .. Remediated.Where(r => r.Job != job)] };
    }

    /// <summary>
    /// The Lease once <paramref name="job"/> ended without changing the cluster: remembered (it keeps deduplicating its
    /// alert instance) but marked so that no cooldown follows it, and no longer the holder. Null when there is nothing
    /// to change. <paramref name="started"/> is when the Job started, for a Job the Lease did not list yet.
    /// </summary>
    public LeaseState? WithoutCooldownOf(string job, DateTimeOffset started)
    {
        if (Remediated.Any(r => r.Job == job && !r.ChangedTheCluster) && Holder != job)
        {
            return null;
        }

        var own = Remediated.FirstOrDefault(r => r.Job == job) ?? new RemediatedJob(job, Holder == job ? Acquired : started);
        return this with
        {
            Holder = Holder == job ? null : Holder,
            Remediated = [own with { ChangedTheCluster = false }, .. Remediated.Where(r => r.Job != job)],
        };
    }
}

using System.Globalization;
using k8s.Models;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>A Job a DaemonSet's Lease remembers starting: its name (one alert instance for one Operarius) and when.</summary>
public sealed record RemediatedJob(string Job, DateTimeOffset Started);

/// <summary>
/// A DaemonSet's Lease as the guard reasons about it. <see cref="Holder"/> is the latest take: tentative until
/// its Job was created, then also listed in <see cref="Remediated"/>, the Jobs the Lease remembers starting
/// (annotation <c>openfero.io/remediated</c>, <c>job=RFC3339,…</c>, newest first, at most
/// <see cref="MaxRemembered"/>). <see cref="Cooldown"/> is the holder's cooldown, kept as the Lease's duration.
/// </summary>
public sealed record LeaseState(string? Holder, DateTimeOffset Acquired, TimeSpan Cooldown, IReadOnlyList<RemediatedJob> Remediated)
{
    public const int MaxRemembered = 64;

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
            if (parts.Length == 2 && parts[0].Length > 0 &&
                DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var started))
            {
                jobs.Add(new RemediatedJob(parts[0], started));
            }
        }

        return jobs;
    }

    public static string Format(IEnumerable<RemediatedJob> jobs) => string.Join(',', jobs
        .OrderByDescending(j => j.Started)
        .ThenBy(j => j.Job, StringComparer.Ordinal)
        .Take(MaxRemembered)
        .Select(j => $"{j.Job}={j.Started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}"));
}

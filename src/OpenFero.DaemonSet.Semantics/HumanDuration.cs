using System.Globalization;

namespace OpenFero.DaemonSet.Semantics;

/// <summary>
/// Durations and ages as kubectl prints them (<c>k8s.io/apimachinery/pkg/util/duration.HumanDuration</c>): 45s, 3m20s,
/// 20m, 5h2m, 30h, 2d3h, 40d, 3y10d. Precision falls as the duration grows, so a person reads the size at a glance.
/// The one way this project shows a duration to people: reports, plans, logs, banners.
/// </summary>
public static class HumanDuration
{
    public static string Format(TimeSpan duration)
    {
        // kubectl tolerates up to a second of clock skew as "now"; more than that backwards is not a duration.
        var seconds = (long)duration.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 60 * 2)
        {
            return Invariant($"{seconds}s");
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? Invariant($"{minutes}m") : Invariant($"{minutes}m{seconds % 60}s");
        }

        if (minutes < 60 * 3)
        {
            return Invariant($"{minutes}m");
        }

        var hours = minutes / 60;
        return hours switch
        {
            < 8 => minutes % 60 == 0 ? Invariant($"{hours}h") : Invariant($"{hours}h{minutes % 60}m"),
            < 48 => Invariant($"{hours}h"),
            < 24 * 8 => hours % 24 == 0 ? Invariant($"{hours / 24}d") : Invariant($"{hours / 24}d{hours % 24}h"),
            < 24 * 365 * 2 => Invariant($"{hours / 24}d"),
            < 24 * 365 * 8 => hours / 24 % 365 == 0 ? Invariant($"{hours / 24 / 365}y") : Invariant($"{hours / 24 / 365}y{hours / 24 % 365}d"),
            _ => Invariant($"{hours / 24 / 365}y"),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

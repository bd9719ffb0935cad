using System.Globalization;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// A titled list of a remediation's steps within a platform's limit: while it runs the latest steps matter most, so
/// the earliest are left out first, and a line says how many.
/// </summary>
public static class StepLines
{
    /// <summary>
    /// The title, then as many of the latest <paramref name="steps"/> as fit in <paramref name="limit"/> characters, in
    /// order, each after <paramref name="separator"/> (a newline; an Adaptive Card's text breaks a line at a blank one).
    /// </summary>
    public static string Latest(string title, IReadOnlyList<string> steps, int limit, string separator = "\n")
    {
        var kept = new List<string>();
        var length = title.Length;
        var omitted = 0;
        for (var index = steps.Count - 1; index >= 0; index--)
        {
            var line = TextLimit.Cut(steps[index], limit / 4);
            var omittedIfKept = index == 0 ? 0 : separator.Length + Omitted(index).Length;
            if (length + separator.Length + line.Length + omittedIfKept > limit)
            {
                omitted = index + 1;
                break;
            }

            kept.Add(line);
            length += separator.Length + line.Length;
        }

        kept.Reverse();
        return string.Join(separator, omitted > 0 ? [title, Omitted(omitted), .. kept] : [title, .. kept]);
    }

    private static string Omitted(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"… ({count} earlier {(count == 1 ? "step" : "steps")} not shown)");
}

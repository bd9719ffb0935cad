using System.Globalization;
using System.Text;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// A titled list of a remediation's steps within a platform's limit: while it runs the latest steps matter most, so
/// the earliest are left out first, and a line says how many.
/// </summary>
public static class StepLines
{
    /// <summary>The title, then as many of the latest <paramref name="steps"/> as fit in <paramref name="limit"/> characters, in order.</summary>
    public static string Latest(string title, IReadOnlyList<string> steps, int limit)
    {
        var kept = new List<string>();
        var length = title.Length;
        for (var index = steps.Count - 1; index >= 0; index--)
        {
            var line = TextLimit.Cut(steps[index], limit / 4);
            var omittedIfKept = index == 0 ? 0 : 1 + Omitted(index).Length;
            if (length + 1 + line.Length + omittedIfKept > limit)
            {
                var text = new StringBuilder(title).Append('\n').Append(Omitted(index + 1));
                foreach (var step in Enumerable.Reverse(kept))
                {
                    text.Append('\n').Append(step);
                }

                return text.ToString();
            }

            kept.Add(line);
            length += 1 + line.Length;
        }

        kept.Reverse();
        return string.Join('\n', [title, .. kept]);
    }

    private static string Omitted(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"… ({count} earlier {(count == 1 ? "step" : "steps")} not shown)");
}

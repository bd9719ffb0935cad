using System.Globalization;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>Cuts a text to a platform's limit, saying so and how much was left out.</summary>
public static class TextLimit
{
    public static string Cut(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }

        // The note's length depends on the count it states, which depends on the note's length: settle both.
        var digits = Digits(text.Length);
        while (true)
        {
            var left = text.Length - (limit - (Note(0).Length - 1 + digits));
            if (Digits(left) == digits)
            {
                var note = Note(left);
                return string.Concat(text.AsSpan(0, Math.Max(0, limit - note.Length)), note);
            }

            digits = Digits(left);
        }
    }

    private static string Note(int left) => string.Create(CultureInfo.InvariantCulture, $"… (truncated, {left} more characters)");

    private static int Digits(int count) => count.ToString(CultureInfo.InvariantCulture).Length;
}

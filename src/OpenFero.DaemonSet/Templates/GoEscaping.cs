using System.Globalization;
using System.Text;

namespace OpenFero.DaemonSet.Templates;

/// <summary>Go's quoting and escaping: <c>strconv.Quote</c>/<c>Unquote</c> and the <c>html</c>, <c>js</c>, <c>urlquery</c> builtins.</summary>
internal static class GoEscaping
{
    public static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            quoted.Append(rune.Value switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\a' => "\\a",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\v' => "\\v",
                < 0x20 or 0x7f => $"\\x{rune.Value:x2}",
                _ when Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                    or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate => rune.Value > 0xffff ? $"\\U{rune.Value:x8}" : $"\\u{rune.Value:x4}",
                _ => rune.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>Go's <c>%#U</c>: <c>U+002D '-'</c>.</summary>
    public static string RuneDescription(char c) => $"U+{(int)c:X4} '{c}'";

    /// <summary>The value of a Go string literal (interpreted or raw) or character literal, or null when malformed.</summary>
    public static string? Unquote(string literal)
    {
        if (literal.Length < 2)
        {
            return null;
        }

        var body = literal[1..^1];
        if (literal[0] == '`')
        {
            return body.Replace("\r", "", StringComparison.Ordinal);
        }

        var value = new StringBuilder();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\')
            {
                value.Append(body[i]);
                continue;
            }

            if (++i >= body.Length)
            {
                return null;
            }

            switch (body[i])
            {
                case 'a': value.Append('\a'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'v': value.Append('\v'); break;
                case '\\' or '"' or '\'': value.Append(body[i]); break;
                case 'x' or 'u' or 'U':
                    var digits = body[i] switch { 'x' => 2, 'u' => 4, _ => 8 };
                    if (body.Length - i - 1 < digits
                        || !int.TryParse(body.AsSpan(i + 1, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                    {
                        return null;
                    }

                    value.Append(digits == 2 ? ((char)code).ToString() : char.ConvertFromUtf32(code));
                    i += digits;
                    break;
                default:
                    return null;
            }
        }

        return value.ToString();
    }

    public static string Html(string text) => new StringBuilder(text)
        .Replace("&", "&amp;").Replace("'", "&#39;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&#34;")
        .Replace("\0", "\uFFFD").ToString();

    public static string Js(string text)
    {
        var escaped = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            escaped.Append(rune.Value switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '"' => "\\\"",
                '<' => "\\u003C",
                '>' => "\\u003E",
                '&' => "\\u0026",
                '=' => "\\u003D",
                < 0x20 => $"\\u{rune.Value:X4}",
                _ when rune.Value >= 0x80 && Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                    or UnicodeCategory.OtherNotAssigned => $"\\u{rune.Value:X4}",
                _ => rune.ToString(),
            });
        }

        return escaped.ToString();
    }

    /// <summary>Go's <c>url.QueryEscape</c>: space as <c>+</c>, unreserved characters kept, the rest as UTF-8 <c>%XX</c>.</summary>
    public static string UrlQuery(string text)
    {
        var escaped = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            escaped.Append(b switch
            {
                (byte)' ' => "+",
                _ when char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~' => ((char)b).ToString(),
                _ => $"%{b:X2}",
            });
        }

        return escaped.ToString();
    }
}

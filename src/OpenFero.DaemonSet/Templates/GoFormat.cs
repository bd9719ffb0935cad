using System.Globalization;
using System.Text;

namespace OpenFero.DaemonSet.Templates;

/// <summary>
/// Go's <c>fmt</c> for the values a template meets: <c>%v</c> (what <c>{{ . }}</c> and <c>print</c> write) and the
/// <c>printf</c> verbs <c>%s %d %v %q %t %x %%</c>, with Go's <c>%!d(string=x)</c> notes for a wrong or missing argument.
/// </summary>
internal static class GoFormat
{
    /// <summary>Go's <c>%v</c>: maps as <c>map[k:v …]</c> with sorted keys, structs as <c>{…}</c>, slices as <c>[…]</c>.</summary>
    public static string Value(object? value) => value switch
    {
        null => "<nil>",
        string s => s,
        long n => n.ToString(CultureInfo.InvariantCulture),
        double d => Float(d),
        bool b => b ? "true" : "false",
        IReadOnlyDictionary<string, string> m =>
            "map[" + string.Join(" ", m.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + ":" + e.Value)) + "]",
        GoStruct s => "{" + string.Join(" ", s.Fields.Select(f => Value(f.Value))) + "}",
        GoList l => "[" + string.Join(" ", l.Items.Select(Value)) + "]",
        _ => value.ToString() ?? "",
    };

    /// <summary><c>fmt.Sprint</c>: a space between two operands when neither is a string.</summary>
    public static string Sprint(IReadOnlyList<object?> args)
    {
        var text = new StringBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0 && args[i] is not string && args[i - 1] is not string)
            {
                text.Append(' ');
            }

            text.Append(Value(args[i]));
        }

        return text.ToString();
    }

    /// <summary><c>fmt.Sprintln</c>: spaces between all operands and a newline at the end.</summary>
    public static string Sprintln(IReadOnlyList<object?> args) => string.Join(" ", args.Select(Value)) + "\n";

    public static string Sprintf(string format, IReadOnlyList<object?> args)
    {
        var text = new StringBuilder();
        var used = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                text.Append(format[i]);
                continue;
            }

            if (++i >= format.Length)
            {
                text.Append("%!(NOVERB)");
                break;
            }

            var verb = format[i];
            if (verb == '%')
            {
                text.Append('%');
                continue;
            }

            if (used >= args.Count)
            {
                text.Append($"%!{verb}(MISSING)");
                continue;
            }

            text.Append(Verb(verb, args[used++]));
        }

        if (used < args.Count)
        {
            text.Append("%!(EXTRA ")
                .AppendJoin(", ", args.Skip(used).Select(a => a is null ? "<nil>" : $"{GoValues.TypeName(a)}={Value(a)}"))
                .Append(')');
        }

        return text.ToString();
    }

    private static string Verb(char verb, object? arg) => (verb, arg) switch
    {
        ('v', _) => Value(arg),
        ('s', string or IReadOnlyDictionary<string, string> or GoStruct or GoList) => Value(arg),
        ('d', long n) => n.ToString(CultureInfo.InvariantCulture),
        ('t', bool b) => b ? "true" : "false",
        ('q', string s) => GoEscaping.Quote(s),
        ('q', long n) when n is >= 0 and <= 0x10FFFF => "'" + char.ConvertFromUtf32((int)n) + "'",
        ('x', string s) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(s)),
        ('x', long n) => n < 0 ? "-" + (-n).ToString("x", CultureInfo.InvariantCulture) : n.ToString("x", CultureInfo.InvariantCulture),
        (_, null) => $"%!{verb}(<nil>)",
        _ => $"%!{verb}({GoValues.TypeName(arg)}={Value(arg)})",
    };

    /// <summary>Go's <c>%v</c> of a float64 (<c>%g</c>, shortest digits): 1.5, 100000, 1e+06, 1e-05.</summary>
    private static string Float(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            return double.IsNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf";
        }

        if (d == 0)
        {
            return "0";
        }

        var shortest = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        var exponent = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = point < 0 ? mantissa : mantissa[..point];
        var digits = integerPart + (point < 0 ? "" : mantissa[(point + 1)..]);
        var decimalPoint = integerPart.Length + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits[leadingZeros..].TrimEnd('0');
        decimalPoint -= leadingZeros;

        var sign = d < 0 ? "-" : "";
        var precision = 6 > digits.Length && digits.Length >= decimalPoint ? digits.Length : 6;
        var x = decimalPoint - 1;
        if (x < -4 || x >= precision)
        {
            return $"{sign}{digits[0]}{(digits.Length > 1 ? "." + digits[1..] : "")}e{(x < 0 ? '-' : '+')}{Math.Abs(x):00}";
        }

        return sign + (decimalPoint <= 0
            ? "0." + new string('0', -decimalPoint) + digits
            : decimalPoint >= digits.Length
                ? digits + new string('0', decimalPoint - digits.Length)
                : digits[..decimalPoint] + "." + digits[decimalPoint..]);
    }
}

using System.Text;

namespace OpenFero.DaemonSet.Templates;

/// <summary>
/// Go's builtin template functions, the only ones an OpenFero template can call (it passes an empty FuncMap).
/// <c>and</c>/<c>or</c> are listed here for arity but evaluated lazily by the executor, as Go does.
/// </summary>
internal static class GoBuiltins
{
    public sealed record Builtin(int Fixed, bool Variadic, Func<IReadOnlyList<object?>, object?> Call);

    private static readonly Dictionary<string, Builtin> Functions = new(StringComparer.Ordinal)
    {
        ["and"] = new(1, true, args => args.FirstOrDefault(a => !GoValues.IsTrue(a), args[^1])),
        ["or"] = new(1, true, args => args.FirstOrDefault(GoValues.IsTrue, args[^1])),
        ["not"] = new(1, false, args => !GoValues.IsTrue(args[0])),
        ["len"] = new(1, false, args => Length(args[0])),
        ["index"] = new(1, true, args => Index(args[0], args.Skip(1))),
        ["slice"] = new(1, true, args => Slice(args[0], args.Skip(1).ToList())),
        ["call"] = new(1, true, args => throw new BuiltinException(args[0] is null ? "call of nil" : $"non-function of type {GoValues.TypeName(args[0])}")),
        ["print"] = new(0, true, GoFormat.Sprint),
        ["println"] = new(0, true, GoFormat.Sprintln),
        ["printf"] = new(1, true, args => GoFormat.Sprintf((string)args[0]!, args.Skip(1).ToList())),
        ["html"] = new(0, true, args => GoEscaping.Html(Text(args))),
        ["js"] = new(0, true, args => GoEscaping.Js(Text(args))),
        ["urlquery"] = new(0, true, args => GoEscaping.UrlQuery(Text(args))),
        ["eq"] = new(1, true, args => args.Count == 1
            ? throw new BuiltinException("missing argument for comparison")
            : args.Skip(1).Any(other => GoComparison.Equal(args[0], other))),
        ["ne"] = new(2, false, args => !GoComparison.Equal(args[0], args[1])),
        ["lt"] = new(2, false, args => GoComparison.Less(args[0], args[1])),
        ["le"] = new(2, false, args => GoComparison.Less(args[0], args[1]) || GoComparison.Equal(args[0], args[1])),
        ["gt"] = new(2, false, args => !(GoComparison.Less(args[0], args[1]) || GoComparison.Equal(args[0], args[1]))),
        ["ge"] = new(2, false, args => !GoComparison.Less(args[0], args[1])),
    };

    public static bool IsDefined(string name) => Functions.ContainsKey(name);

    public static Builtin Get(string name) => Functions[name];

    private static string Text(IReadOnlyList<object?> args) => args is [string s] ? s : GoFormat.Sprint(args);

    private static long Length(object? item) => item switch
    {
        null => throw new BuiltinException("len of untyped nil"),
        string s => Encoding.UTF8.GetByteCount(s),
        IReadOnlyDictionary<string, string> m => m.Count,
        GoList l => l.Items.Count,
        _ => throw new BuiltinException($"len of type {GoValues.TypeName(item)}"),
    };

    // Unlike a field access, index gives the zero value ("") for a missing map key, even with missingkey=error.
    private static object? Index(object? item, IEnumerable<object?> indexes)
    {
        if (item is null)
        {
            throw new BuiltinException("index of untyped nil");
        }

        foreach (var index in indexes)
        {
            item = item switch
            {
                IReadOnlyDictionary<string, string> m => index is string key
                    ? m.GetValueOrDefault(key, "")
                    : throw new BuiltinException($"value has type {GoValues.TypeName(index)}; should be string"),
                GoList l => l.Items[Position(index, l.Items.Count)],
                string s => (long)Encoding.UTF8.GetBytes(s)[Position(index, Encoding.UTF8.GetByteCount(s))],
                _ => throw new BuiltinException($"can't index item of type {GoValues.TypeName(item)}"),
            };
        }

        return item;
    }

    private static object? Slice(object? item, IReadOnlyList<object?> bounds)
    {
        if (bounds.Count > 2 || item is not (string or GoList))
        {
            throw new BuiltinException(item is string ? "cannot 3-index slice a string" : $"can't slice item of type {GoValues.TypeName(item)}");
        }

        var length = item is string text ? text.Length : ((GoList)item).Items.Count;
        var low = bounds.Count > 0 ? Position(bounds[0], length + 1) : 0;
        var high = bounds.Count > 1 ? Position(bounds[1], length + 1) : length;
        if (low > high)
        {
            throw new BuiltinException($"invalid slice index: {low} > {high}");
        }

        return item is string s ? s[low..high] : new GoList(((GoList)item).TypeName, ((GoList)item).Items.Skip(low).Take(high - low).ToList());
    }

    private static int Position(object? index, int length) => index switch
    {
        null => throw new BuiltinException("cannot index slice/array with nil"),
        long n when n < 0 || n >= length => throw new BuiltinException($"index out of range: {n}"),
        long n => (int)n,
        _ => throw new BuiltinException($"cannot index slice/array with type {GoValues.TypeName(index)}"),
    };
}

/// <summary>A builtin refused its arguments; the executor reports it as Go does: <c>error calling NAME: MESSAGE</c>.</summary>
internal sealed class BuiltinException(string message) : Exception(message);

namespace OpenFero.DaemonSet.Templates;

/// <summary>Go's <c>eq</c>/<c>lt</c> rules: only basic values of the same kind compare; nil equals only nil.</summary>
internal static class GoComparison
{
    public static bool Equal(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (long a, long b) => a == b,
        (double a, double b) => a == b,
        (bool a, bool b) => a == b,
        _ when Kind(left) is null && Kind(right) is null => throw new BuiltinException($"non-comparable type {GoFormat.Value(left)}: {GoValues.TypeName(left)}"),
        _ => throw new BuiltinException("incompatible types for comparison"),
    };

    public static bool Less(object? left, object? right)
    {
        if (Kind(left) is null or "bool" || Kind(right) is null or "bool")
        {
            throw new BuiltinException(Kind(left) == Kind(right) || Kind(left) is null || Kind(right) is null
                ? "invalid type for comparison"
                : "incompatible types for comparison");
        }

        return (left, right) switch
        {
            (string a, string b) => string.CompareOrdinal(a, b) < 0,
            (long a, long b) => a < b,
            (double a, double b) => a < b,
            _ => throw new BuiltinException("incompatible types for comparison"),
        };
    }

    private static string? Kind(object? value) => value switch
    {
        string => "string",
        long => "int",
        double => "float",
        bool => "bool",
        _ => null,
    };
}

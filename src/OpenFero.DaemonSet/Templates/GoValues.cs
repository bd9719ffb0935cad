namespace OpenFero.DaemonSet.Templates;

/// <summary>
/// The few Go types a template meets here — string, int (<see cref="long"/>), float64 (<see cref="double"/>), bool,
/// <c>map[string]string</c>, the data structs and the alerts slice — with Go's names and Go's idea of truth.
/// </summary>
internal static class GoValues
{
    public static string TypeName(object? value) => value switch
    {
        null => "<nil>",
        string => "string",
        long => "int",
        double => "float64",
        bool => "bool",
        IReadOnlyDictionary<string, string> => "map[string]string",
        GoStruct s => s.TypeName,
        GoList l => l.TypeName,
        _ => value.GetType().Name,
    };

    /// <summary>Go's truth: false, 0, "", an empty map or slice and nil are false; a struct is always true.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        long n => n != 0,
        double d => d != 0,
        string s => s.Length > 0,
        IReadOnlyDictionary<string, string> m => m.Count > 0,
        GoList l => l.Items.Count > 0,
        _ => true,
    };
}

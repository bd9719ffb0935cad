namespace OpenFero.DaemonSet.Templates;

/// <summary>
/// A Go struct value as the template sees it: a type name for error messages and printing, and its exported
/// fields in declaration order (Go prints a struct as <c>{field1 field2 …}</c> in that order).
/// </summary>
internal sealed record GoStruct(string TypeName, IReadOnlyList<KeyValuePair<string, object?>> Fields)
{
    public bool TryGetField(string name, out object? value)
    {
        foreach (var field in Fields)
        {
            if (string.Equals(field.Key, name, StringComparison.Ordinal))
            {
                value = field.Value;
                return true;
            }
        }

        value = null;
        return false;
    }
}

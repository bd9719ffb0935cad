namespace OpenFero.DaemonSet.Templates;

/// <summary>A Go slice as the template sees it: its type name for error messages, and its elements.</summary>
internal sealed record GoList(string TypeName, IReadOnlyList<object?> Items);

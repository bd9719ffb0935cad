namespace OpenFero.DaemonSet.Analysis;

/// <summary>A column of a <see cref="TextTable"/>: its header and how a row fills its cell.</summary>
public sealed record TextColumn<T>(string Header, Func<T, string> Cell);

/// <summary>
/// Rows under a header, as kubectl prints them: each column as wide as its widest cell, three spaces between columns,
/// no tabs and no trailing spaces.
/// </summary>
public static class TextTable
{
    private const string Gap = "   ";

    public static IReadOnlyList<string> Lines<T>(IEnumerable<T> rows, IReadOnlyList<TextColumn<T>> columns)
    {
        var cells = rows.Select(row => columns.Select(c => c.Cell(row)).ToArray()).Prepend([.. columns.Select(c => c.Header)]).ToList();
        var widths = columns.Select((_, i) => cells.Max(row => row[i].Length)).ToArray();
        return [.. cells.Select(row => string.Join(Gap, row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd())];
    }
}

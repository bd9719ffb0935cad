using System.Text.RegularExpressions;

namespace OpenFero.DaemonSet.Tests.Readme;

/// <summary>
/// The README's command blocks marked runnable: a line <c>&lt;!-- runnable: SESSION --&gt;</c> (or
/// <c>&lt;!-- runnable: SESSION, keeps running --&gt;</c> for a block whose commands run until stopped) right before a
/// fenced block. Blocks of one session run in the order they appear, in one environment.
/// </summary>
internal static partial class ReadmeBlocks
{
    public static IReadOnlyList<ReadmeCommand> Session(string readme, string session)
    {
        var commands = new List<ReadmeCommand>();
        var lines = readme.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (Marker().Match(lines[i]) is not { Success: true } marker || marker.Groups["session"].Value != session)
            {
                continue;
            }

            var keepsRunning = marker.Groups["keeps"].Success;
            var fence = i + 1;
            if (fence >= lines.Length || !IsFence(lines[fence]))
            {
                throw new InvalidOperationException($"README line {i + 1}: a runnable marker must be followed by a fenced block");
            }

            var continued = "";
            for (var line = fence + 1; line < lines.Length && !IsFence(lines[line]); line++)
            {
                // A line ending in a backslash goes on on the next, as in a shell.
                var text = lines[line].TrimEnd('\r').Trim();
                if (text.EndsWith('\\'))
                {
                    continued += text[..^1];
                    continue;
                }

                if (ReadmeCommand.Parse(continued + text, keepsRunning) is { } command)
                {
                    commands.Add(command);
                }

                continued = "";
            }
        }

        return commands;
    }

    private static bool IsFence(string line) => line.TrimStart().StartsWith("```", StringComparison.Ordinal);

    public static IReadOnlyList<string> Sessions(string readme) =>
        [.. Marker().Matches(readme).Select(m => m.Groups["session"].Value).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex(@"^\s*<!-- runnable: (?<session>[a-z-]+)(?<keeps>, keeps running)? -->\r?$", RegexOptions.Multiline)]
    private static partial Regex Marker();
}

/// <summary>
/// One README command line: the shell text, what its output must show (a trailing <c># ends: TEXT</c> or
/// <c># shows: A, B</c>), and how it runs: until stopped (<paramref name="KeepsRunning"/>), as a watch (<c>-w</c>,
/// <c>logs -f</c>, <c>curl -N</c>: it prints and keeps going), or to its exit.
/// </summary>
internal sealed partial record ReadmeCommand(string Shell, IReadOnlyList<string> Shows, bool KeepsRunning)
{
    public bool IsWatch => WatchFlag().IsMatch(Shell);

    /// <summary>The variable an <c>export NAME=...</c> line sets, for the lines after it.</summary>
    public string? Export => ExportLine().Match(Shell) is { Success: true } export ? export.Groups["name"].Value : null;

    public static ReadmeCommand? Parse(string line, bool keepsRunning)
    {
        if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
        {
            return null;
        }

        var comment = line.IndexOf(" #", StringComparison.Ordinal);
        var shell = (comment < 0 ? line : line[..comment]).Trim();
        var shows = comment < 0 ? [] : Expectations(line[(comment + 2)..].Trim());
        return new ReadmeCommand(shell, shows, keepsRunning);
    }

    private static IReadOnlyList<string> Expectations(string comment) => comment switch
    {
        _ when comment.StartsWith("ends: ", StringComparison.Ordinal) => [comment["ends: ".Length..].Trim()],
        _ when comment.StartsWith("shows: ", StringComparison.Ordinal) =>
            [.. comment["shows: ".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
        _ => [],
    };

    [GeneratedRegex(@"(\s(-w|--watch)(\s|$)|\blogs\b.*\s(-f|--follow)(\s|$)|\bcurl\b.*\s-N(\s|$))")]
    private static partial Regex WatchFlag();

    [GeneratedRegex(@"^export (?<name>[A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex ExportLine();
}

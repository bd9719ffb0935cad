namespace OpenFero.DaemonSet.Templates;

/// <summary>
/// Finds the unsafe pattern of a container that runs a shell script (<c>sh -c</c>, <c>bash -c</c>, <c>/bin/sh -ec</c>, …)
/// whose text is templated with alert data: a label or annotation value becomes shell code, so a value such as
/// <c>x; rm -rf /</c> runs. The safe form passes the value in an env var and quotes it in the script (<c>"$POD"</c>).
/// </summary>
public static class ShellSplicing
{
    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal) { "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh" };

    // Fields that come from Alertmanager itself, not from label or annotation values.
    private static readonly HashSet<string> SafeExpressions = new(StringComparer.Ordinal)
    {
        ".Status", ".HookMessage.Status", ".HookMessage.Version", ".Alert.Status",
    };

    /// <summary>
    /// A sentence naming the shell and the spliced expression when a container's <paramref name="command"/> plus
    /// <paramref name="args"/> splice alert data into a shell script; null when they do not.
    /// </summary>
    public static string? Find(IReadOnlyList<string> command, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(args);
        var argv = command.Concat(args).ToList();
        for (var i = 0; i < argv.Count - 1; i++)
        {
            if (!IsCommandStringFlag(argv[i]) || SplicedExpression(argv[i + 1]) is not { } expression)
            {
                continue;
            }

            // The shell is the word before its options (sh -e -c …); with no command the image's entrypoint may be one.
            var shell = argv.Take(i).Reverse().SkipWhile(a => a.StartsWith('-')).FirstOrDefault();
            if (shell is not null ? Shells.Contains(Path.GetFileName(shell)) : command.Count == 0)
            {
                return $"{shell ?? "the image's entrypoint"} {argv[i]} runs a script that splices {expression} into its text, "
                    + "so an alert's label or annotation value becomes shell code; pass the value in an env var and quote it "
                    + "in the script (\"$VAR\") instead";
            }
        }

        return null;
    }

    // -c, or combined single-letter options that include c: -ec, -xc, -euc, -lc.
    private static bool IsCommandStringFlag(string arg) =>
        arg.Length >= 2 && arg[0] == '-' && arg[1] != '-' && arg.Contains('c', StringComparison.Ordinal) && arg[1..].All(char.IsAsciiLetterLower);

    private static string? SplicedExpression(string script)
    {
        if (!script.Contains("{{", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return Printed(GoTemplate.Parse("script", script).Root).FirstOrDefault(a => !SafeExpressions.Contains(a.Pipe.ToString())) is { } action
                ? "{{ " + action.Pipe + " }}"
                : null;
        }
        catch (TemplateParseException)
        {
            // The Operarius is marked for the parse error anyway; still say what the script would do.
            return script.Contains("Labels", StringComparison.Ordinal) || script.Contains("Annotations", StringComparison.Ordinal)
                ? "a template" : null;
        }
    }

    // Actions that write into the text, wherever they are nested; an if's own condition writes nothing.
    private static IEnumerable<ActionNode> Printed(TemplateNode node) => node switch
    {
        ActionNode { Pipe.Declarations.Count: 0 } action when action.Pipe.Commands.Any(ReadsData) => [action],
        ListNode list => list.Nodes.SelectMany(Printed),
        BranchNode branch => Printed(branch.List).Concat(branch.ElseList is { } elseList ? Printed(elseList) : []),
        _ => [],
    };

    private static bool ReadsData(CommandNode command) => command.Args.Any(arg => arg switch
    {
        FieldNode or VariableNode or DotNode or ChainNode => true,
        PipeNode pipe => pipe.Commands.Any(ReadsData),
        _ => false,
    });
}

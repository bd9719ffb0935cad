using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// Runs a command line. Help and version print and exit 0; an unknown option, a bad value or a user's mistake found
/// while running (<see cref="UserError"/>) is one line on stderr and exit 2. Signals are left to the verbs' hosts,
/// which end their own work (a server stops and exits 0, a cut-short remediation exits 143).
/// </summary>
public static class CommandLineInvocation
{
    public const int UsageError = 2;

    /// <param name="defaultVerb">The verb run when the command line names none (no arguments, or only options).</param>
    public static async Task<int> RunAsync(RootCommand root, IReadOnlyList<string> args, string? defaultVerb = null, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        HelpLayout.Apply(root);
        var parsed = root.Parse(WithVerb(root, args, defaultVerb), new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Action is not CommandLineAction { ClearsParseErrors: true } && Problem(parsed) is { } problem)
        {
            await error.WriteLineAsync($"{problem}; {Usage.Of(parsed.CommandResult.Command, root)}");
            return UsageError;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (Exception failure) when (UserError.Describe(failure) is { } line)
        {
            await error.WriteLineAsync(line);
            return UsageError;
        }
    }

    /// <summary>A command line found wrong before it is parsed: one line naming <paramref name="problem"/>, the usage, exit 2.</summary>
    public static async Task<int> RefuseAsync(RootCommand root, string problem, TextWriter? error = null)
    {
        HelpLayout.Apply(root);
        await (error ?? Console.Error).WriteLineAsync($"{problem}; {Usage.Of(root, root)}");
        return UsageError;
    }

    /// <summary>The first thing wrong with the command line, in one line, or null.</summary>
    private static string? Problem(ParseResult parsed)
    {
        if (parsed.CommandResult.Command is RootCommand { Subcommands.Count: > 0 } && parsed.Tokens.FirstOrDefault() is { Type: TokenType.Argument } verb && !verb.Value.StartsWith('-'))
        {
            return $"unknown verb \"{verb.Value}\"";
        }

        var message = parsed.Errors.Select(e => e.Message).FirstOrDefault() ?? ConfigurationArguments.Problem(parsed);
        return message is null ? null : UserError.OneLine(message).TrimEnd('.');
    }

    private static IReadOnlyList<string> WithVerb(RootCommand root, IReadOnlyList<string> args, string? defaultVerb)
    {
        var rootOptions = root.Options.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        return defaultVerb is not null && (args.Count == 0 || (args[0].StartsWith('-') && !rootOptions.Contains(args[0])))
            ? [defaultVerb, .. args]
            : args;
    }
}

using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// <c>--help</c> as this project's command lines read: the one-line usage that errors print too, the options, the
/// verbs, and, for a verb that takes settings, how to give one (<c>--Section:Key value</c>).
/// </summary>
public sealed class HelpLayout(RootCommand root) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public static void Apply(RootCommand root)
    {
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Action = new HelpLayout(root);
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine($"{command.Description}\n\nUsage:\n  {Usage.Of(command, root)["usage: ".Length..]}\n");
        Rows(output, "Options:", command.Options.Where(o => !o.Hidden).Select(o => (OptionLabel(o), o.Description ?? "")));
        Rows(output, "Verbs:", command.Subcommands.Select(c => (c.Name, c.Description ?? "")));
        if (!command.TreatUnmatchedTokensAsErrors)
        {
            Rows(output, "Settings:", [("--Section:Key value", "any setting of the README's configuration table, e.g. --Auth:Mode Bearer (also appsettings.json and Section__Key variables)")]);
        }

        return 0;
    }

    private static string OptionLabel(Option option)
    {
        var names = string.Join(", ", option.Aliases.Where(a => !a.StartsWith('/')).Order(StringComparer.Ordinal).Append(option.Name));
        return option is HelpOption or VersionOption ? names : $"{names} {option.HelpName ?? "VALUE"}";
    }

    private static void Rows(TextWriter output, string title, IEnumerable<(string Label, string Text)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }

        output.WriteLine(title);
        var width = list.Max(r => r.Label.Length) + 2;
        foreach (var (label, text) in list)
        {
            output.WriteLine($"  {label.PadRight(width)}{text}");
        }

        output.WriteLine();
    }
}

using System.CommandLine;
using System.CommandLine.Help;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>A command's usage in one line: <c>usage: OpenFero.DaemonSet analyze --namespace NS … [--kubeconfig PATH]</c>.</summary>
public static class Usage
{
    public static string Of(Command command, RootCommand root)
    {
        var words = new List<string> { "usage:", root.Name };
        if (command != root)
        {
            words.Add(command.Name);
        }

        foreach (var option in command.Options.Where(o => !o.Hidden && o is not (HelpOption or VersionOption)))
        {
            var text = $"{option.Name} {option.HelpName ?? "VALUE"}";
            words.Add(option.Required ? text : $"[{text}]");
        }

        if (!command.TreatUnmatchedTokensAsErrors)
        {
            words.Add(ConfigurationArguments.PassThroughUsage);
        }

        if (command.Subcommands.Count > 0)
        {
            words.Add(string.Join('|', command.Subcommands.Select(c => c.Name)));
        }

        words.Add("[--help]");
        return string.Join(' ', words);
    }
}

using System.CommandLine;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// A verb's command line as configuration for its host. Each <see cref="ConfigurationOption"/> becomes its key, and any
/// <c>--Section:Key value</c> or <c>--Section:Key=value</c> passes through as the README's configuration table says.
/// Anything else is refused: an option a verb does not know must never be ignored (<c>serve --authMethod=bearer</c>
/// would start an unauthenticated server).
/// </summary>
public static class ConfigurationArguments
{
    /// <summary>How a pass-through setting is written in a usage line.</summary>
    public const string PassThroughUsage = "[--Section:Key value]...";

    /// <summary>Marks <paramref name="command"/> as taking <c>--Section:Key value</c> settings besides its own options.</summary>
    public static T PassingSettingsThrough<T>(this T command) where T : Command
    {
        command.TreatUnmatchedTokensAsErrors = false;
        return command;
    }

    /// <summary>The host's arguments: each configuration option given, as <c>--Key value</c>, then the settings passed through.</summary>
    public static string[] Of(ParseResult parsed)
    {
        var arguments = new List<string>();
        foreach (var option in parsed.CommandResult.Command.Options.OfType<ConfigurationOption>())
        {
            if (parsed.GetValue(option) is { } value)
            {
                arguments.Add($"--{option.Key}");
                arguments.Add(value);
            }
        }

        arguments.AddRange(parsed.UnmatchedTokens);
        return [.. arguments];
    }

    /// <summary>What is wrong with the tokens the verb's own options did not take, or null when each is a setting with its value.</summary>
    public static string? Problem(ParseResult parsed)
    {
        var tokens = parsed.UnmatchedTokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!IsSetting(token))
            {
                return token.StartsWith('-') ? $"unknown option {token.Split('=')[0]}" : $"unexpected argument \"{token}\"";
            }

            if (!token.Contains('=', StringComparison.Ordinal))
            {
                if (i + 1 >= tokens.Count)
                {
                    return $"{token} needs a value";
                }

                i++;
            }
        }

        return null;
    }

    /// <summary><c>--Section:Key</c>: a configuration key always has a section, an option name never does.</summary>
    private static bool IsSetting(string token)
    {
        var key = token.StartsWith("--", StringComparison.Ordinal) ? token[2..].Split('=')[0] : "";
        return key.Contains(':', StringComparison.Ordinal) && !key.StartsWith(':') && !key.EndsWith(':');
    }
}

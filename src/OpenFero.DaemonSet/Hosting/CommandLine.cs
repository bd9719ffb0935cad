namespace OpenFero.DaemonSet.Hosting;

/// <summary>The executable's verbs: <c>serve</c> (the default), <c>analyze</c> and <c>remediate</c>.</summary>
public static class CommandLine
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Verbs = new(StringComparer.Ordinal)
    {
        ["serve"] = ServeCommand.RunAsync,
        ["analyze"] = AnalyzeCommand.RunAsync,
        ["remediate"] = RemediateCommand.RunAsync,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
        var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
        if (!Verbs.TryGetValue(verb, out var run))
        {
            await Console.Error.WriteLineAsync($"unknown verb \"{verb}\"; verbs: {string.Join(", ", Verbs.Keys)}");
            return 2;
        }

        return await run(rest);
    }
}

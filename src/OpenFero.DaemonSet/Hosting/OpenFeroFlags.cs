using System.Globalization;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// OpenFero's own command-line flags, as its Helm chart passes them (<c>-addr=:8080</c>, <c>--authMethod bearer</c>:
/// Go's style, one or two dashes, <c>=</c> or a space), read with the same meaning as this server's settings. The
/// flags that have no meaning here (OpenFero's in-memory alert store) are accepted and logged once as ignored.
/// </summary>
public static partial class OpenFeroFlags
{
    /// <summary>Where a flag without a meaning here is kept, so the server logs it once at start.</summary>
    public const string IgnoredSection = "OpenFero:IgnoredFlags";

    private static readonly Dictionary<string, Func<string, Translation>> Flags = new(StringComparer.Ordinal)
    {
        ["addr"] = value => Setting("--urls", Address(value)),
        ["logLevel"] = value => LogLevel(value) is { } level ? Setting("--Serilog:MinimumLevel:Default", level) : Refused($"-logLevel {value}: expected debug, info, warn, error or fatal"),
        ["kubeconfig"] = value => value.Length == 0 ? new Translation([], null) : Setting("--kubeconfig", value),
        ["readTimeout"] = value => Seconds(value) is { } read ? Setting("--Kestrel:Limits:RequestHeadersTimeout", read) : Refused($"-readTimeout {value}: expected whole seconds"),
        ["writeTimeout"] = value => Seconds(value) is { } write ? Setting("--Webhook:AnswerTimeout", write) : Refused($"-writeTimeout {value}: expected whole seconds"),
        ["authMethod"] = value => AuthMode(value) is { } mode ? Setting("--Auth:Mode", mode) : Refused($"-authMethod {value}: expected none, basic or bearer"),
        ["authBasicUser"] = value => Setting("--Auth:Username", value),
        ["authBasicPass"] = value => Setting("--Auth:Password", value),
        ["authBearerToken"] = value => Setting("--Auth:Token", value),
        ["operariusNamespace"] = value => value.Length == 0 ? new Translation([], null) : Setting("--Remediation:OperariusNamespace", value),
        ["alertStoreSize"] = value => Ignored("alertStoreSize", value),
        ["alertStoreType"] = value => Ignored("alertStoreType", value),
        ["alertStoreClusterName"] = value => Ignored("alertStoreClusterName", value),
    };

    /// <summary>
    /// The command line with each OpenFero flag written as this server's setting; everything else as it was.
    /// <paramref name="problem"/> names a flag whose value OpenFero would refuse too, else is null.
    /// </summary>
    public static string[] Translate(IReadOnlyList<string> args, out string? problem)
    {
        problem = null;
        var translated = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            if (Flag(args[i]) is not { } flag)
            {
                translated.Add(args[i]);
                continue;
            }

            string value;
            if (flag.Value is { } inline)
            {
                value = inline;
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                problem ??= $"-{flag.Name} needs a value";
                continue;
            }

            var translation = Flags[flag.Name](value);
            problem ??= translation.Problem;
            translated.AddRange(translation.Arguments);
        }

        return [.. translated];
    }

    /// <summary>The OpenFero flags given that have no meaning here, as <c>-name=value</c>.</summary>
    public static IEnumerable<string> IgnoredIn(IConfiguration configuration) =>
        configuration.GetSection(IgnoredSection).GetChildren().Select(flag => $"-{flag.Key}={flag.Value}");

    /// <summary>Logs, once, each OpenFero flag given that has no meaning here.</summary>
    public static void LogIgnored(IConfiguration configuration, ILogger logger)
    {
        foreach (var flag in IgnoredIn(configuration))
        {
            LogIgnoredFlag(logger, flag);
        }
    }

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "OpenFero flag {Flag} ignored: the alert history here is the cluster's own (GET /api/remediations), not an in-memory store")]
    private static partial void LogIgnoredFlag(ILogger logger, string flag);

    private static (string Name, string? Value)? Flag(string token)
    {
        var name = token.StartsWith("--", StringComparison.Ordinal) ? token[2..] : token.StartsWith('-') ? token[1..] : null;
        if (name is null)
        {
            return null;
        }

        var equals = name.IndexOf('=', StringComparison.Ordinal);
        var (key, value) = equals < 0 ? (name, (string?)null) : (name[..equals], name[(equals + 1)..]);
        // "--kubeconfig PATH" is this server's own option already, with the same meaning.
        return Flags.ContainsKey(key) && token != "--kubeconfig" && !token.StartsWith("--kubeconfig=", StringComparison.Ordinal) ? (key, value) : null;
    }

    /// <summary>Go's listen address (<c>:8080</c>, <c>host:8080</c>) as a URL.</summary>
    private static string Address(string addr) =>
        addr.Contains("://", StringComparison.Ordinal) ? addr : addr.StartsWith(':') ? $"http://0.0.0.0{addr}" : $"http://{addr}";

    private static string? LogLevel(string level) => level.ToLowerInvariant() switch
    {
        "debug" => "Debug",
        "info" => "Information",
        "warn" or "warning" => "Warning",
        "error" => "Error",
        "fatal" or "panic" or "dpanic" => "Fatal",
        _ => null,
    };

    private static string? AuthMode(string method) => method.ToLowerInvariant() switch
    {
        "none" => "None",
        "basic" => "Basic",
        "bearer" => "Bearer",
        _ => null,
    };

    /// <summary>OpenFero's timeouts are whole seconds.</summary>
    private static string? Seconds(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture)
            : null;

    private static Translation Setting(string key, string value) => new([key, value], null);

    private static Translation Ignored(string name, string value) => new([$"--{IgnoredSection}:{name}", value], null);

    private static Translation Refused(string problem) => new([], problem);

    private sealed record Translation(IReadOnlyList<string> Arguments, string? Problem);
}

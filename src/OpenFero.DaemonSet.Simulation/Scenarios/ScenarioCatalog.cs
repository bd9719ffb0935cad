using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace OpenFero.DaemonSet.Simulation.Scenarios;

/// <summary>The built-in scenarios (embedded YAML) and scenario files.</summary>
public static class ScenarioCatalog
{
    private const string ResourcePrefix = "scenarios/";

    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

    public static IReadOnlyList<string> Names { get; } =
        [.. typeof(ScenarioCatalog).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => Path.GetFileNameWithoutExtension(n[ResourcePrefix.Length..]))
            .Order(StringComparer.Ordinal)];

    /// <summary>A built-in scenario by name, or a scenario file (.yaml, .yml, .json) by path.</summary>
    public static Scenario Load(string nameOrPath)
    {
        if (Names.Contains(nameOrPath))
        {
            using var stream = typeof(ScenarioCatalog).Assembly.GetManifestResourceStream($"{ResourcePrefix}{nameOrPath}.yaml")!;
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd(), nameOrPath);
        }

        if (File.Exists(nameOrPath))
        {
            return Parse(File.ReadAllText(nameOrPath), nameOrPath);
        }

        throw new ScenarioNotFoundException(
            $"unknown scenario \"{nameOrPath}\": not a file, and not one of {string.Join(", ", Names)}");
    }

    public static Scenario Parse(string text, string origin)
    {
        try
        {
            var definition = Yaml.Deserialize<ScenarioDefinition>(text) ?? throw new ScenarioNotFoundException($"scenario {origin} is empty");
            if (string.IsNullOrEmpty(definition.Name))
            {
                definition.Name = Path.GetFileNameWithoutExtension(origin);
            }

            return new Scenario(definition);
        }
        catch (YamlException error)
        {
            throw new ScenarioNotFoundException($"scenario {origin} is not valid at line {error.Start.Line}, column {error.Start.Column}: {error.InnerException?.Message ?? error.Message}");
        }
    }
}

public sealed class ScenarioNotFoundException(string message) : Exception(message);

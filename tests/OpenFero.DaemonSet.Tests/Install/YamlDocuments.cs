using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace OpenFero.DaemonSet.Tests.Install;

/// <summary>
/// YAML read as JSON nodes, for kinds no Kubernetes model knows (ServiceMonitor, PrometheusRule, Operarius). Every
/// scalar arrives as a string: YAML's own typing is not what these tests look at.
/// </summary>
internal static class YamlDocuments
{
    private static readonly IDeserializer Reader = new DeserializerBuilder().Build();
    private static readonly ISerializer AsJson = new SerializerBuilder().JsonCompatible().Build();

    public static IReadOnlyList<JsonObject> Parse(string yaml)
    {
        var documents = new List<JsonObject>();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (Reader.Deserialize(parser) is { } document)
            {
                documents.Add(JsonNode.Parse(AsJson.Serialize(document))!.AsObject());
            }
        }

        return documents;
    }

    public static JsonObject ParseOne(string yaml) => Assert.Single(Parse(yaml));

    /// <summary>JSON is YAML: what promtool and kubectl read back unchanged.</summary>
    public static string Write(JsonNode node) => node.ToJsonString();
}

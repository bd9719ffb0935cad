using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Alerts;

/// <summary>The fingerprint computed from an alert's labels is the one real Alertmanager put on it.</summary>
public sealed class LabelSetFingerprintTests
{
    public static TheoryData<string> AlertmanagerBodies()
    {
        var bodies = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(System.IO.Path.GetDirectoryName(RepositoryRoot.Fixture("x"))!, "*.json")
            .Concat(Directory.EnumerateFiles(System.IO.Path.Combine(RepositoryRoot.Path, "test-alerts"), "*.json")).Order(StringComparer.Ordinal))
        {
            bodies.Add(System.IO.Path.GetRelativePath(RepositoryRoot.Path, file));
        }

        return bodies;
    }

    [Theory]
    [MemberData(nameof(AlertmanagerBodies))]
    public void Every_alert_of_a_real_payload_has_the_fingerprint_computed_from_its_labels(string file)
    {
        var body = JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, file)));
        var alerts = body?["alerts"]?.AsArray() ?? [];
        Assert.NotEmpty(alerts);
        foreach (var alert in alerts)
        {
            var labels = alert!["labels"]!.AsObject().ToDictionary(l => l.Key, l => l.Value!.GetValue<string>(), StringComparer.Ordinal);
            Assert.Equal(alert["fingerprint"]!.GetValue<string>(), LabelSetFingerprint.Of(labels));
        }
    }

    [Fact]
    public void The_order_labels_arrive_in_does_not_change_the_fingerprint()
    {
        var sorted = new Dictionary<string, string>(StringComparer.Ordinal) { ["alertname"] = "A", ["namespace"] = "b" };
        var reversed = new Dictionary<string, string>(StringComparer.Ordinal) { ["namespace"] = "b", ["alertname"] = "A" };

        Assert.Equal(LabelSetFingerprint.Of(sorted), LabelSetFingerprint.Of(reversed));
        Assert.NotEqual(LabelSetFingerprint.Of(sorted), LabelSetFingerprint.Of(new Dictionary<string, string>(StringComparer.Ordinal) { ["alertname"] = "A", ["namespace"] = "c" }));
    }
}

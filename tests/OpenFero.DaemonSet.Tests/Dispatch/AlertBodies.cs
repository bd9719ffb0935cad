using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Dispatch;

/// <summary>The real rollout-stuck delivery, with one alert's identity or labels changed.</summary>
internal static class AlertBodies
{
    public static string RolloutStuck(string? fingerprint = null, IReadOnlyDictionary<string, string>? labels = null)
    {
        var body = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Fixture("kube-daemonset-rollout-stuck.firing.json")))!;
        var alert = body["alerts"]![0]!;
        if (fingerprint is not null)
        {
            alert["fingerprint"] = fingerprint;
        }

        foreach (var (name, value) in labels ?? new Dictionary<string, string>())
        {
            alert["labels"]![name] = value;
        }

        return body.ToJsonString();
    }

    public static async Task<JsonNode> FirstAlertAsync(this HttpResponseMessage response) => (await response.JsonAsync())["alerts"]![0]!;

    public static async Task<string> OutcomeAsync(this HttpResponseMessage response) => (await response.FirstAlertAsync())["outcome"]!.GetValue<string>();
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Playground;

namespace OpenFero.DaemonSet.Tests.Peers;

/// <summary>
/// What a person sees with kubectl alone, after an alert, tells the story of the remediation — one that rolled the
/// DaemonSet out and one that correctly declined: <c>kubectl get jobs</c> (a declined run is Complete, not Failed, so
/// <c>KubeJobFailed</c> stays quiet), the Job's outcome, <c>kubectl describe ds</c> and <c>kubectl events --for</c> (the final
/// outcome Event, Warning when a person must act), and <c>kubectl logs job/NAME</c> (the runner's log, as text).
/// </summary>
public sealed class RemediationStoryTests
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("stuck-rollout", "TerminatingTooLong", "rolledOut", "RemediationRolledOut", "Normal", "successfully rolled out")]
    [InlineData("broken-revision", "crash-looping", "declined", "RemediationDeclined", "Warning", "rollout undo")]
    public async Task Kubectl_alone_tells_what_the_remediation_found_did_and_how_it_ended(string scenario, string stuckWhen, string outcome, string finalReason, string eventType, string logSays)
    {
        var folder = Directory.CreateTempSubdirectory("openfero-story-").FullName;
        var kubeconfig = Path.Combine(folder, "kubeconfig");
        await using var playground = await PlaygroundSystem.StartAsync(scenario, kubeconfig,
            ["--urls", "http://127.0.0.1:0", "--Serilog:MinimumLevel:Default", "Warning"], Cancel);
        var kubectl = new Kubectl(kubeconfig);
        var target = playground.DaemonSet;
        var alert = PlaygroundAlert.Write(Path.Combine(folder, "alert.json"), target, playground.Cluster.Time.GetUtcNow());
        using var http = new HttpClient { BaseAddress = new Uri(playground.Server.Urls.First()) };
        // The alert fires once the scenario's DaemonSet is in the state it stages (in a cluster, after the rule's 15 minutes).
        await Eventually.ReachesAsync(
            () => http.GetStringAsync(new Uri($"/api/daemonsets/{target.Namespace}/{target.Name}/analysis?format=text", UriKind.Relative), Cancel),
            report => report.Contains(stuckWhen, StringComparison.Ordinal),
            $"the {scenario} scenario to show {stuckWhen}", TimeSpan.FromSeconds(60));
        var answer = await Eventually.ReachesAsync(
            async () =>
            {
                using var content = new StringContent(await File.ReadAllTextAsync(alert, Cancel), System.Text.Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri("/alerts", UriKind.Relative), content, Cancel);
                return await response.Content.ReadFromJsonAsync<JsonObject>(Cancel);
            },
            // A rollout the server saw moving waits (progressing) until it stalls; the server then starts the Job itself,
            // and the alert delivered again is its duplicate.
            body => body?["alerts"]?[0]?["outcome"]?.GetValue<string>() is "jobCreated" or "deduplicated",
            "the alert to start a remediation Job", TimeSpan.FromSeconds(90));
        var job = answer!["alerts"]![0]!["job"]!.GetValue<string>();

        // Complete (not Failed), whatever the outcome; the server's follow-up copies the outcome onto the Job.
        await Eventually.ReachesAsync(
            () => kubectl.OutputAsync("get", "job", job, "-n", "openfero", "-o", "jsonpath=Complete={.status.conditions[?(@.type==\"Complete\")].status} outcome={.metadata.annotations.openfero\\.io/outcome}"),
            printed => printed == $"Complete=True outcome={outcome}",
            $"Job {job} to complete with outcome {outcome}", TimeSpan.FromSeconds(120),
            describe: printed => $"{printed}\n{kubectl.RunAsync("describe", "job", job, "-n", "openfero").GetAwaiter().GetResult().Output}");

        var jobs = await kubectl.OutputAsync("get", "jobs", "-n", "openfero");
        Assert.Matches($@"(?m)^{job}\s+Complete\s+1/1\s", jobs);

        var described = await kubectl.OutputAsync("describe", "daemonset", target.Name, "-n", target.Namespace);
        Assert.Matches($@"(?m)^\s+{eventType}\s+{finalReason}\s", described);

        var events = await kubectl.OutputAsync("events", "--for", $"daemonset/{target.Name}", "-n", target.Namespace);
        Assert.Matches($@"(?m)\s{eventType}\s+{finalReason}\s+DaemonSet/{target.Name}\s", events);

        var log = await kubectl.OutputAsync("logs", $"job/{job}", "-n", "openfero");
        Assert.Contains(logSays, log, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"@t\"", log, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}

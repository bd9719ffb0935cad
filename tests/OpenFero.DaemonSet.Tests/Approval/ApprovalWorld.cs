using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Playground;
using OpenFero.DaemonSet.Tests.Dispatch;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Approval;

/// <summary>
/// The simulated cluster with the real runner behind the built-in Operarius' image (as the playground runs it), and
/// what the approval tests look at: the Job, its pods, its annotations, the DaemonSet's Events and the history.
/// </summary>
internal sealed class ApprovalWorld(ServerHost host)
{
    public const string Fixture = "kube-daemonset-rollout-stuck.firing.json";
    public const string Operarius = "openfero-daemonset-remediate";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ServerHost Host { get; } = host;

    public static async Task<ApprovalWorld> StartAsync(string scenario = "stuck-rollout")
    {
        var host = await ServerHost.StartClusterAsync(scenario);
        host.Cluster.JobHandlers.Register(PlaygroundRunner.Image, new PlaygroundRunner(host.Kubeconfig, "monitoring").RunAsync);
        return new ApprovalWorld(host);
    }

    /// <summary>Posts the rollout-stuck alert; answers its outcome and Job.</summary>
    public static async Task<(string Outcome, string? Job, string? Reason)> AlertAsync(HttpClient server, string? body = null)
    {
        var alert = await (await (body is null ? server.PostFixtureAsync(Fixture) : server.PostJsonAsync(body))).FirstAlertAsync();
        return (alert["outcome"]!.GetValue<string>(), alert["job"]?.GetValue<string>(), alert["reason"]?.GetValue<string>());
    }

    /// <summary>Sets <c>openfero.io/approval</c> on the built-in Operarius, before a server reads the catalog.</summary>
    public Task AnnotateOperariusAsync(string approval) =>
        Host.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["openfero.io/approval"] = approval } } }.ToJsonString(), V1Patch.PatchType.MergePatch),
            DaemonSet.Kubernetes.Operarius.Group, DaemonSet.Kubernetes.Operarius.Version, "openfero", DaemonSet.Kubernetes.Operarius.Plural, Operarius, cancellationToken: Cancel);

    public Task<V1Job> JobAsync(string name) => Host.Client.BatchV1.ReadNamespacedJobAsync(name, "openfero", cancellationToken: Cancel);

    public async Task<V1Job?> JobOrNullAsync(string name) => await ReadOrNull.ReadAsync(() => JobAsync(name));

    public async Task<int> PodsOfAsync(string job) =>
        (await Host.Client.CoreV1.ListNamespacedPodAsync("openfero", labelSelector: $"{JobOutcomeReader.JobNameLabel}={job}", cancellationToken: Cancel)).Items.Count;

    public async Task<string?> AnnotationAsync(string job, string key) =>
        (await JobAsync(job)).Metadata.Annotations?.TryGetValue(key, out var value) == true ? value : null;

    /// <summary>Waits for the Job's outcome to be recorded on it, and answers it.</summary>
    public async Task<string> OutcomeAsync(string job) =>
        (await Eventually.ReachesAsync(() => AnnotationAsync(job, "openfero.io/outcome"), o => o is not null, $"Job {job}'s outcome to be recorded", TimeSpan.FromMinutes(2)))!;

    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(string ns, string reason) =>
        [.. (await Host.Client.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: Cancel)).Items.Where(e => e.Reason == reason)];

    public static async Task<JsonNode> HistoryAsync(HttpClient server, string job) =>
        JsonNode.Parse(await server.GetStringAsync(new Uri("/api/remediations", UriKind.Relative), Cancel))!.AsArray()
            .Single(r => r!["job"]!.GetValue<string>() == job)!;
}

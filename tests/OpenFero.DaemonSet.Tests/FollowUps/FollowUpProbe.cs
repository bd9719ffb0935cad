using System.Globalization;
using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.FollowUps;

/// <summary>What the tests of the follow-ups read from the simulated cluster, and the Jobs they create as the server would.</summary>
internal sealed class FollowUpProbe(ServerHost host)
{
    public const string OperariusName = "openfero-daemonset-remediate";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>An instance of the rollout-stuck alert of the fixture, starting at <paramref name="startsAt"/>.</summary>
    public static AlertContext RolloutStuck(string startsAt = "2026-11-22T22:38:45.46707687Z")
    {
        var labels = new Dictionary<string, string>
        {
            ["alertname"] = "KubeDaemonSetRolloutStuck",
            ["daemonset"] = "node-exporter",
            ["namespace"] = "monitoring",
            ["severity"] = "warning",
        };
        return new AlertContext("KubeDaemonSetRolloutStuck", "firing", "bf3f2cdae9d34948", DateTimeOffset.Parse(startsAt, CultureInfo.InvariantCulture), "g",
            labels, new Dictionary<string, string>(), labels.ToDictionary(l => AlertContextFactory.VariableName(l.Key), l => l.Value), new DaemonSetTarget("monitoring", "node-exporter"));
    }

    /// <summary>Creates the Job for <paramref name="alert"/> directly, as a server would, with nothing recorded for it.</summary>
    public async Task<string> CreateJobAsync(AlertContext alert, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var operarius = await host.Client.CustomObjects.GetNamespacedCustomObjectAsync<Operarius>(
            Operarius.Group, Operarius.Version, "openfero", Operarius.Plural, OperariusName, Cancel);
        var job = RemediationJobBuilder.Build(operarius, alert);
        foreach (var (key, value) in annotations ?? new Dictionary<string, string>())
        {
            job.Metadata.Annotations[key] = value;
        }

        var created = await host.Client.BatchV1.CreateNamespacedJobAsync(job, "openfero", cancellationToken: Cancel);
        return created.Metadata.Name;
    }

    public async Task<string?> AnnotationAsync(string job, string key) =>
        (await JobAsync(job)).Metadata.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    public async Task<OperariusStatus> StatusAsync() =>
        (await host.Client.CustomObjects.GetNamespacedCustomObjectAsync<Operarius>(
            Operarius.Group, Operarius.Version, "openfero", Operarius.Plural, OperariusName, Cancel)).Status ?? new OperariusStatus();

    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(string reason) =>
        [.. (await host.Client.CoreV1.ListNamespacedEventAsync("monitoring", cancellationToken: Cancel)).Items.Where(e => e.Reason == reason)];

    /// <summary>The RemediationStarted Events that name <paramref name="job"/>.</summary>
    public async Task<int> StartedEventsAsync(string job) =>
        (await EventsAsync("RemediationStarted")).Count(e => e.Message.Contains(job, StringComparison.Ordinal));

    public async Task<V1Job> JobAsync(string name) =>
        await host.Client.BatchV1.ReadNamespacedJobAsync(name, "openfero", cancellationToken: Cancel);

    public async Task<string?> VerdictAsync(string job) =>
        (await JobAsync(job)).Metadata.Annotations is { } annotations && annotations.TryGetValue(JobLabels.VerdictAnnotation, out var verdict) ? verdict : null;

    /// <summary>Waits until the Job's start, verdict and end are all recorded: its Event, its annotation, the Operarius naming it.</summary>
    public Task AllRecordedAsync(string job) => Eventually.HoldsAsync(
        async () => await StartedEventsAsync(job) > 0 && await VerdictAsync(job) is not null && JobStates.Of(await JobAsync(job)).IsFinished(),
        $"the RemediationStarted Event and the verdict annotation of Job {job}, and its end");
}

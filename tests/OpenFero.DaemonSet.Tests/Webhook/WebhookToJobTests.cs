using System.Net;
using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Webhook;

public sealed class WebhookToJobTests
{
    [Fact]
    public async Task Firing_rollout_stuck_alert_creates_one_job_with_the_alert_as_OPENFERO_variables()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync();

        var response = await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = (await response.JsonAsync())["alerts"]![0]!;
        Assert.Equal("jobCreated", answer["outcome"]!.GetValue<string>());
        Assert.Equal("openfero-daemonset-remediate", answer["operarius"]!.GetValue<string>());
        Assert.Equal("monitoring", answer["target"]!["namespace"]!.GetValue<string>());
        var job = Assert.Single(await host.JobsAsync());
        Assert.Equal(answer["job"]!.GetValue<string>(), job.Metadata.Name);
        var env = job.Spec.Template.Spec.Containers[0].Env.ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("monitoring", env["OPENFERO_NAMESPACE"]);
        Assert.Equal("node-exporter", env["OPENFERO_DAEMONSET"]);
        Assert.Equal("prod-eu1", env["OPENFERO_CLUSTER"]);
        Assert.Equal("warning", env["OPENFERO_SEVERITY"]);
        Assert.Equal("kube-state-metrics", env["OPENFERO_CONTAINER"]);
        Assert.Equal("openfero", job.Metadata.Labels["openfero.io/managed-by"]);
        Assert.Equal("openfero-daemonset-remediate", job.Metadata.Labels["openfero.io/operarius"]);
        Assert.Equal("KubeDaemonSetRolloutStuck", job.Metadata.Labels["openfero.io/alert"]);
        Assert.Equal("node-exporter", job.Metadata.Labels["openfero.io/daemonset"]);
        Assert.Equal("monitoring", job.Metadata.Labels["openfero.io/daemonset-namespace"]);
    }

    [Fact]
    public async Task Re_sent_alert_is_deduplicated_and_another_instance_of_it_meets_the_cooldown()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync();
        var first = await (await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json")).JsonAsync();

        var resent = await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");
        var other = await server.PostJsonAsync(Deliveries.RolloutStuckStartingAt("2026-11-22T23:50:00Z"));

        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        var duplicate = (await resent.JsonAsync())["alerts"]![0]!;
        Assert.Equal("deduplicated", duplicate["outcome"]!.GetValue<string>());
        Assert.Equal(first["alerts"]![0]!["job"]!.GetValue<string>(), duplicate["job"]!.GetValue<string>());
        var cooldown = (await other.JsonAsync())["alerts"]![0]!;
        Assert.Equal("cooldown", cooldown["outcome"]!.GetValue<string>());
        Assert.Equal(duplicate["job"]!.GetValue<string>(), cooldown["job"]!.GetValue<string>());
        Assert.Single(await host.JobsAsync());
    }

    [Fact]
    public async Task A_group_mixing_an_alert_with_its_Job_and_one_without_answers_each_in_the_groups_order()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync();
        var first = await (await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json")).JsonAsync();
        // Another instance first (it waits on the Lease), then the instance whose Job exists (the Job cache answers).
        var group = JsonNode.Parse(Deliveries.RolloutStuckStartingAt("2026-11-22T23:50:00Z"))!;
        var known = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Fixture("kube-daemonset-rollout-stuck.firing.json")))!["alerts"]![0]!;
        group["alerts"]!.AsArray().Add(known.DeepClone());

        var response = await server.PostJsonAsync(group.ToJsonString());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var alerts = (await response.JsonAsync())["alerts"]!.AsArray();
        Assert.Equal(["cooldown", "deduplicated"], alerts.Select(a => a!["outcome"]!.GetValue<string>()));
        Assert.All(alerts, a => Assert.Equal(first["alerts"]![0]!["job"]!.GetValue<string>(), a!["job"]!.GetValue<string>()));
        Assert.Single(await host.JobsAsync());
    }

    [Fact]
    public async Task Every_alert_of_a_group_is_answered_on_its_own()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync();

        var response = await server.PostFixtureAsync("kube-daemonset-misscheduled.grouped-truncated.json");

        var alerts = (await response.JsonAsync())["alerts"]!.AsArray();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["calico-node", "cilium"], alerts.Select(a => a!["target"]!["name"]!.GetValue<string>()));
        // The built-in MisScheduled Operarius matches both; kube-system is not among the runner's namespaces.
        Assert.All(alerts, a => Assert.Equal(("optedOut", "openfero-daemonset-misscheduled"), (a!["outcome"]!.GetValue<string>(), a["operarius"]!.GetValue<string>())));
        Assert.Empty(await host.JobsAsync());
    }

    [Fact]
    public async Task Resolved_alert_starts_nothing_without_an_operarius_for_resolved()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync();

        var response = await server.PostFixtureAsync("kube-daemonset-rollout-stuck.resolved.json");

        Assert.Equal("noMatchingOperarius", (await response.JsonAsync())["alerts"]![0]!["outcome"]!.GetValue<string>());
        Assert.Empty(await host.JobsAsync());
    }

    [Fact]
    public async Task Alert_without_namespace_and_daemonset_labels_has_no_target()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync();
        // An alert no Operarius selects: one that an Operarius selects gets its Job even without a target, as in OpenFero.
        var body = File.ReadAllText(RepositoryRoot.Fixture("kube-daemonset-not-scheduled.firing.json"))
            .Replace("\"daemonset\":", "\"ds\":", StringComparison.Ordinal)
            .Replace("KubeDaemonSetNotScheduled", "KubeDaemonSetUnknown", StringComparison.Ordinal);

        var response = await server.PostJsonAsync(body);

        var answer = (await response.JsonAsync())["alerts"]![0]!;
        Assert.Equal("noTarget", answer["outcome"]!.GetValue<string>());
        Assert.Null(answer["target"]);
    }
}

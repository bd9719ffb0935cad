using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Simulation.Tests.Kubectl;

public sealed class KubectlTests
{
    private static Task<SimulatedCluster> Start(string scenario) =>
        SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = scenario }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Get_lists_nodes_daemonsets_and_pods_in_all_namespaces()
    {
        await using var cluster = await Start("tainted-node");
        using var kubectl = new KubectlRunner(cluster);

        var output = await kubectl.SucceedAsync("get nodes,ds,pods -A");

        Assert.Contains("node/node-4", output, StringComparison.Ordinal);
        Assert.Contains("daemonset.apps/fluent-bit", output, StringComparison.Ordinal);
        Assert.Contains("pod/fluent-bit-", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_daemonset_as_json_carries_the_controllers_status()
    {
        await using var cluster = await Start("tainted-node");
        using var kubectl = new KubectlRunner(cluster);

        var ds = await Eventually.ReachesAsync(async () => JsonNode.Parse(await kubectl.SucceedAsync("get ds fluent-bit -n logging -o json"))!,
            ds => ds["status"]?["desiredNumberScheduled"] is not null, "the DaemonSet controller to have written fluent-bit's status",
            describe: ds => ds["status"]?.ToJsonString() ?? "no status");

        Assert.Equal("DaemonSet", ds["kind"]!.GetValue<string>());
        Assert.Equal(3, ds["status"]!["desiredNumberScheduled"]!.GetValue<int>());
        Assert.Equal("RollingUpdate", ds["spec"]!["updateStrategy"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rollout_status_waits_for_the_simulated_rollout_and_reports_success()
    {
        await using var cluster = await Start("healthy");
        using var kubectl = new KubectlRunner(cluster);

        var (code, output, error) = await kubectl.RunAsync("rollout status daemonset/node-exporter -n monitoring --timeout=60s", TimeSpan.FromSeconds(90));

        Assert.True(code == 0, error);
        Assert.Contains("daemon set \"node-exporter\" successfully rolled out", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_status_times_out_on_a_stuck_rollout()
    {
        await using var cluster = await Start("stuck-rollout");
        using var kubectl = new KubectlRunner(cluster);

        var (code, output, error) = await kubectl.RunAsync("rollout status daemonset/node-exporter -n monitoring --timeout=3s");

        Assert.NotEqual(0, code);
        Assert.Contains("Waiting for daemon set \"node-exporter\" rollout to finish: 0 out of 4 new pods have been updated...", output, StringComparison.Ordinal);
        Assert.Contains("timed out waiting for the condition", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_status_of_an_OnDelete_daemonset_is_kubectls_error()
    {
        await using var cluster = await Start("on-delete");
        using var kubectl = new KubectlRunner(cluster);

        var (code, _, error) = await kubectl.RunAsync("rollout status daemonset/kube-proxy -n kube-system --watch=false");

        Assert.NotEqual(0, code);
        Assert.Contains("rollout status is only available for RollingUpdate strategy type", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_restart_patches_the_template_annotation_and_the_rollout_follows()
    {
        await using var cluster = await Start("tainted-node");
        using var kubectl = new KubectlRunner(cluster);

        var output = await kubectl.SucceedAsync("rollout restart daemonset/fluent-bit -n logging");
        var ds = JsonNode.Parse(await kubectl.SucceedAsync("get ds fluent-bit -n logging -o json"))!;
        var status = await kubectl.RunAsync("rollout status daemonset/fluent-bit -n logging --timeout=60s", TimeSpan.FromSeconds(90));

        Assert.Contains("daemonset.apps/fluent-bit restarted", output, StringComparison.Ordinal);
        Assert.NotNull(ds["spec"]!["template"]!["metadata"]!["annotations"]!["kubectl.kubernetes.io/restartedAt"]);
        Assert.Equal(2, ds["metadata"]!["generation"]!.GetValue<int>());
        Assert.True(status.ExitCode == 0, status.Error);
    }

    [Fact]
    public async Task Delete_pod_removes_it_and_the_controller_replaces_it()
    {
        await using var cluster = await Start("tainted-node");
        using var kubectl = new KubectlRunner(cluster);
        var name = (await kubectl.SucceedAsync("get pods -n logging -o name")).Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];

        var output = await kubectl.SucceedAsync($"delete {name} -n logging --wait=true --timeout=30s");
        var after = await Eventually.ReachesAsync(() => kubectl.SucceedAsync("get pods -n logging -o name"),
            pods => pods.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 3, "the DaemonSet controller to replace the deleted pod (3 pods again)");

        Assert.Contains("deleted", output, StringComparison.Ordinal);
        Assert.DoesNotContain(name, after, StringComparison.Ordinal);
        Assert.Equal(3, after.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Get_jobs_watch_shows_a_job_running_to_completion()
    {
        await using var cluster = await Start("healthy");
        cluster.JobHandlers.Register("busybox", (_, _) => Task.FromResult(0));
        using var kubectl = new KubectlRunner(cluster);
        var manifest = Path.Combine(kubectl.Folder, "job.yaml");
        await File.WriteAllTextAsync(manifest, """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: demo, namespace: openfero}
            spec:
              backoffLimit: 0
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: demo, image: busybox:1.36, command: ["true"]}]
            """, TestContext.Current.CancellationToken);

        await kubectl.SucceedAsync($"create -f {manifest} --validate=false");
        var watch = await kubectl.RunAsync("get jobs -n openfero -w --request-timeout=12s", TimeSpan.FromSeconds(30));

        Assert.Contains("demo", watch.Output, StringComparison.Ordinal);
        var job = JsonNode.Parse(await kubectl.SucceedAsync("get job demo -n openfero -o json"))!;
        Assert.Equal(1, job["status"]!["succeeded"]!.GetValue<int>());
    }

    [Fact]
    public async Task Apply_installs_the_operarius_crd_and_the_built_in_operarius()
    {
        await using var cluster = await Start("healthy");
        using var kubectl = new KubectlRunner(cluster);
        var folder = Path.Combine(RepositoryRoot.Path, "operarius");

        await kubectl.SucceedAsync($"apply -f {Path.Combine(folder, "operarius-crd.yaml")}");
        var output = await kubectl.SucceedAsync($"apply -f {folder}");
        var operarius = JsonNode.Parse(await kubectl.SucceedAsync("get op openfero-daemonset-remediate -n openfero -o json"))!;

        Assert.Contains("operarius.openfero.io/openfero-daemonset-remediate created", output, StringComparison.Ordinal);
        Assert.Equal("KubeDaemonSetRolloutStuck", operarius["spec"]!["alertSelector"]!["alertname"]!.GetValue<string>());
    }
}

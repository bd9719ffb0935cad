using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Simulation.Tests.Kubectl;

/// <summary>kubectl logs finds a Job's pod through the Job's selector and shows what its container wrote, following it to the end.</summary>
public sealed class KubectlLogsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Logs_of_a_job_show_its_pod_and_follow_streams_until_the_container_ends()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy" }, Cancel);
        using var kubectl = new KubectlRunner(cluster);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.JobHandlers.Register("example.com/remediate", async (pod, cancellationToken) =>
        {
            await pod.Log.WriteLineAsync("remediation started");
            await finish.Task.WaitAsync(cancellationToken);
            await pod.Log.WriteLineAsync("remediation finished");
            return 0;
        });
        await CreateJobAsync(kubectl, "demo", "example.com/remediate:1");
        await Eventually.ReachesAsync(() => kubectl.SucceedAsync("get pods -n openfero -l job-name=demo -o jsonpath={.items[*].status.phase}"),
            phase => phase == "Running", "the Job's pod to be Running");

        var logs = await kubectl.SucceedAsync("logs job/demo -n openfero");
        var following = kubectl.RunAsync("logs -f job/demo -n openfero --timestamps", TimeSpan.FromSeconds(60));
        await Eventually.ReachesAsync(() => Task.FromResult(cluster.Requests.Count("get", "pods/log")), count => count == 2, "kubectl logs -f to be reading the log");
        finish.SetResult();
        var followed = await following;

        Assert.Equal("remediation started\n", logs);
        Assert.True(followed.ExitCode == 0, followed.Error);
        var lines = followed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["remediation started", "remediation finished"], lines.Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]));
        Assert.All(lines, line => Assert.True(DateTimeOffset.TryParse(line[..line.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture, out _), line));
    }

    internal static async Task CreateJobAsync(KubectlRunner kubectl, string name, string image)
    {
        var manifest = Path.Combine(kubectl.Folder, name + ".yaml");
        await File.WriteAllTextAsync(manifest, $$"""
            apiVersion: batch/v1
            kind: Job
            metadata: {name: {{name}}, namespace: openfero}
            spec:
              backoffLimit: 0
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: remediate, image: "{{image}}"}]
            """, Cancel);
        await kubectl.SucceedAsync($"create -f {manifest} --validate=false");
    }
}

using OpenFero.DaemonSet.Tests.Hosting;

namespace OpenFero.DaemonSet.Tests.Remediation;

/// <summary>The Job's log as <c>kubectl logs job/NAME</c> shows it with <c>Logging__Format=text</c>: a line per step, in words.</summary>
public sealed class JobLogTests
{
    [Fact]
    public async Task With_text_format_the_job_log_is_a_line_per_step_without_json_or_host_chatter()
    {
        await using var cluster = await RemediationScenarioTests.StartAsync("stuck-rollout");
        var folder = Directory.CreateTempSubdirectory("openfero-job-log-").FullName;
        var kubeconfig = Path.Combine(folder, "kubeconfig");
        cluster.WriteKubeconfig(kubeconfig);

        var run = await ProgramRun.RunAsync("OpenFero.DaemonSet.dll", ["remediate"], new Dictionary<string, string>
        {
            ["OPENFERO_NAMESPACE"] = "monitoring",
            ["OPENFERO_DAEMONSET"] = "node-exporter",
            ["Kubernetes__Kubeconfig"] = kubeconfig,
            ["Runner__TerminationMessagePath"] = Path.Combine(folder, "termination-log"),
            ["Logging__Format"] = "text",
        });
        Directory.Delete(folder, recursive: true);

        Assert.True(run.Exit == 0, $"exit {run.Exit}:\n{run.Output}\n{run.Errors}");
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(lines, line => Assert.Matches(@"^\d\d:\d\d:\d\d (INF|WRN|ERR) [^{]", line));
        Assert.DoesNotContain(lines, line => line.Contains("SourceContext", StringComparison.Ordinal) || line.Contains("Application started", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Deleted pod monitoring/node-exporter-", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.EndsWith("RemediationRolledOut: Rolled out: deleted 1 stuck pod(s), daemon set \"node-exporter\" successfully rolled out.", StringComparison.Ordinal));
    }
}

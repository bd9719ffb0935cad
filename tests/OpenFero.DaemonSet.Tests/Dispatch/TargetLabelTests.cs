using System.Net;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Dispatch;

public sealed class TargetLabelTests
{
    [Fact]
    public async Task A_namespace_label_that_is_no_dns_label_is_an_invalid_target_with_no_kubernetes_call()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync();
        host.Cluster.Requests.Reset();

        var response = await server.PostJsonAsync(AlertBodies.RolloutStuck(labels: new Dictionary<string, string> { ["namespace"] = "." }));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.FirstAlertAsync();
        Assert.Equal("invalidTarget", answer["outcome"]!.GetValue<string>());
        Assert.Contains("namespace", answer["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, host.Cluster.Requests.Count("get", "leases") + host.Cluster.Requests.Count("create", "leases") + host.Cluster.Requests.Count("create", "jobs"));
        Assert.Empty(await host.JobsAsync());
    }

    [Fact]
    public async Task An_upper_case_NAMESPACE_label_does_not_move_the_jobs_target_and_the_answer_warns()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync();

        var response = await server.PostJsonAsync(AlertBodies.RolloutStuck(labels: new Dictionary<string, string> { ["NAMESPACE"] = "kube-system" }));

        var answer = await response.FirstAlertAsync();
        Assert.Equal("jobCreated", answer["outcome"]!.GetValue<string>());
        var warning = Assert.Single(answer["warnings"]!.AsArray())!.GetValue<string>();
        Assert.Equal("labels NAMESPACE and namespace both map to OPENFERO_NAMESPACE; namespace wins", warning);
        var job = Assert.Single(await host.JobsAsync());
        var env = job.Spec.Template.Spec.Containers[0].Env.ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("monitoring", env["OPENFERO_NAMESPACE"]);
        Assert.Equal("monitoring", job.Metadata.Labels["openfero.io/daemonset-namespace"]);
    }
}

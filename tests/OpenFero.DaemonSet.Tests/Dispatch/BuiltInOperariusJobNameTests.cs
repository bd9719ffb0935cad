using k8s;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Dispatch;

public sealed class BuiltInOperariusJobNameTests
{
    [Theory]
    [InlineData("daemonset-rollout-fix.yaml", "openfero-daemonset-remediate")]
    [InlineData("daemonset-not-scheduled-analysis.yaml", "openfero-daemonset-not-scheduled")]
    [InlineData("daemonset-misscheduled-analysis.yaml", "openfero-daemonset-misscheduled")]
    public void The_built_in_operarius_names_its_jobs_after_itself_within_the_63_characters_kubernetes_allows(string file, string name)
    {
        var operarius = KubernetesYaml.Deserialize<Operarius>(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "operarius", file)));

        var job = JobLabels.JobName(operarius.Metadata.Name, "ffffffffffffffff", DateTimeOffset.Parse("2026-11-22T23:40:00Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(name, operarius.Metadata.Name);
        Assert.StartsWith($"{name}-", job, StringComparison.Ordinal);
        Assert.InRange(job.Length, 1, 63);
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", job);
    }
}

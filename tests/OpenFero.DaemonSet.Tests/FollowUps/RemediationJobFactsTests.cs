using k8s.Models;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Tests.FollowUps;

public sealed class RemediationJobFactsTests
{
    [Fact]
    public void A_built_job_carries_the_full_target_and_alert_its_follow_ups_need_and_nothing_done()
    {
        var longName = "node-exporter-" + new string('x', 70);
        var alert = FollowUpProbe.RolloutStuck() with { Target = new DaemonSetTarget("monitoring", longName) };
        var operarius = new Operarius { Metadata = new V1ObjectMeta { Name = "openfero-daemonset-remediate", NamespaceProperty = "openfero" } };

        var job = RemediationJobBuilder.Build(operarius, alert);
        var facts = RemediationJobFacts.Of(job);

        Assert.Equal(new DaemonSetTarget("monitoring", longName), facts.Target);
        Assert.Equal("openfero-daemonset-remediate", facts.Operarius);
        Assert.Equal("KubeDaemonSetRolloutStuck", facts.AlertName);
        Assert.Equal("bf3f2cdae9d34948", facts.Fingerprint);
        Assert.Equal(alert.StartsAt, facts.StartsAt);
        Assert.Empty(FollowUpSteps.Done(job)!);
    }

    [Fact]
    public void A_job_with_only_the_labels_is_read_from_them()
    {
        var job = new V1Job
        {
            Metadata = new V1ObjectMeta
            {
                Name = "fix-0123456789",
                Labels = new Dictionary<string, string>
                {
                    [JobLabels.Operarius] = "fix",
                    [JobLabels.Alert] = "KubeDaemonSetRolloutStuck",
                    [JobLabels.DaemonSetNamespace] = "monitoring",
                    [JobLabels.DaemonSet] = "node-exporter",
                },
            },
        };

        var facts = RemediationJobFacts.Of(job);

        Assert.Equal(new DaemonSetTarget("monitoring", "node-exporter"), facts.Target);
        Assert.Equal("fix", facts.Operarius);
        Assert.Null(facts.StartsAt);
    }
}

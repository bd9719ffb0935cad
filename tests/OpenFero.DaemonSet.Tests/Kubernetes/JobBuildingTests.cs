using k8s.Models;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Tests.Kubernetes;

public sealed class JobBuildingTests
{
    private static readonly AlertContext Alert = new("KubeDaemonSetRolloutStuck", "firing", "bf3f2cdae9d34948", DateTimeOffset.Parse("2026-11-22T22:38:45.46707687Z", System.Globalization.CultureInfo.InvariantCulture), "g",
        new Dictionary<string, string> { ["alertname"] = "KubeDaemonSetRolloutStuck", ["severity"] = "warning" },
        new Dictionary<string, string>(),
        new Dictionary<string, string> { ["OPENFERO_ALERTNAME"] = "KubeDaemonSetRolloutStuck", ["OPENFERO_SEVERITY"] = "warning" },
        new DaemonSetTarget("monitoring", "node-exporter"));

    [Fact]
    public void Every_container_gets_the_alert_variables_replacing_same_named_ones()
    {
        var job = RemediationJobBuilder.Build(Operarius("fix", priority: 1), Alert);

        var containers = job.Spec.Template.Spec.Containers.Concat(job.Spec.Template.Spec.InitContainers).ToList();
        Assert.Equal(3, containers.Count);
        Assert.All(containers, c => Assert.Equal("warning", c.Env.Single(e => e.Name == "OPENFERO_SEVERITY").Value));
        Assert.Equal("kept", containers[0].Env.Single(e => e.Name == "OTHER").Value);
        Assert.Equal("openfero", job.Metadata.NamespaceProperty);
    }

    [Fact]
    public void Job_name_is_the_same_for_one_alert_instance_and_differs_for_another()
    {
        var first = RemediationJobBuilder.Build(Operarius("fix", 1), Alert).Metadata.Name;
        var again = RemediationJobBuilder.Build(Operarius("fix", 1), Alert).Metadata.Name;
        var later = RemediationJobBuilder.Build(Operarius("fix", 1), Alert with { StartsAt = Alert.StartsAt.AddMinutes(30) }).Metadata.Name;

        Assert.Equal(first, again);
        Assert.NotEqual(first, later);
        Assert.Matches("^fix-[0-9a-f]{10}$", first);
    }

    [Fact]
    public void Matcher_takes_the_highest_priority_enabled_operarius_with_matching_labels()
    {
        var disabled = Operarius("a-disabled", 100);
        disabled.Spec.Enabled = false;
        var wrongLabels = Operarius("b-critical-only", 90);
        wrongLabels.Spec.AlertSelector.Labels = new() { ["severity"] = "critical" };
        var resolved = Operarius("c-resolved", 80);
        resolved.Spec.AlertSelector.Status = "resolved";
        var chosen = Operarius("d-chosen", 50);
        chosen.Spec.AlertSelector.Labels = new() { ["severity"] = "warning" };

        var match = OperariusMatcher.Match(Alert, [disabled, wrongLabels, resolved, Operarius("e-lower", 10), chosen]);

        Assert.Equal("d-chosen", match?.Metadata.Name);
    }

    private static Operarius Operarius(string name, int priority) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "openfero" },
        Spec = new OperariusSpec
        {
            Priority = priority,
            AlertSelector = new AlertSelector { Alertname = "KubeDaemonSetRolloutStuck", Status = "firing" },
            JobTemplate = new V1JobTemplateSpec
            {
                Spec = new V1JobSpec
                {
                    Template = new V1PodTemplateSpec
                    {
                        Spec = new V1PodSpec
                        {
                            RestartPolicy = "Never",
                            InitContainers = [new V1Container { Name = "init", Image = "busybox" }],
                            Containers =
                            [
                                new V1Container { Name = "a", Image = "x", Env = [new V1EnvVar { Name = "OTHER", Value = "kept" }, new V1EnvVar { Name = "OPENFERO_SEVERITY", Value = "stale" }] },
                                new V1Container { Name = "b", Image = "y" },
                            ],
                        },
                    },
                },
            },
        },
    };
}

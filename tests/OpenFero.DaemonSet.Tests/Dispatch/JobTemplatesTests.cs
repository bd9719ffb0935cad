using k8s.Models;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Templates;
using static OpenFero.DaemonSet.Tests.Templates.TemplateFixtures;

namespace OpenFero.DaemonSet.Tests.Dispatch;

/// <summary>An Operarius' jobTemplate parsed once and rendered into a Job per alert, as OpenFero renders it.</summary>
public sealed class JobTemplatesTests
{
    private static V1JobTemplateSpec JobTemplate(params V1Container[] containers) => new()
    {
        Spec = new V1JobSpec
        {
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec
                {
                    RestartPolicy = "Never",
                    InitContainers = [new V1Container { Name = "wait", Image = "busybox", Command = ["echo", "{{ .Alert.Labels.daemonset }}"] }],
                    Containers = containers,
                },
            },
        },
    };

    private static V1Container Kubectl(params string[] args) => new()
    {
        Name = "kubectl",
        Image = "bitnami/kubectl:latest",
        Args = args,
        Env =
        [
            new V1EnvVar { Name = "TARGET", Value = "{{ .Alert.Labels.namespace }}/{{ .Alert.Labels.daemonset }}" },
            new V1EnvVar { Name = "PLAIN", Value = "info" },
            new V1EnvVar { Name = "FROM_SECRET", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "s", Key = "k" } } },
        ],
    };

    private static Operarius Operarius(V1JobTemplateSpec jobTemplate) => new()
    {
        Metadata = new V1ObjectMeta { Name = "restart", NamespaceProperty = "openfero" },
        Spec = new OperariusSpec { JobTemplate = jobTemplate },
    };

    private static AlertContext Context(AlertmanagerAlert alert) => AlertContextFactory.Create(alert, RolloutStuckWebhook.GroupKey!, RolloutStuckWebhook);

    [Fact]
    public void Env_values_command_and_args_of_every_container_and_init_container_are_rendered_with_the_jobs_own_alert()
    {
        var template = JobTemplate(Kubectl("rollout", "restart", "daemonset/{{ .Alert.Labels.daemonset }}", "-n", "{{ .Alert.Labels.namespace }}"));

        var job = RemediationJobBuilder.Build(Operarius(template), Context(FluentBit), JobTemplates.Parse(template));

        var pod = job.Spec.Template.Spec;
        Assert.Equal(["rollout", "restart", "daemonset/fluent-bit", "-n", "logging"], pod.Containers[0].Args);
        Assert.Equal("logging/fluent-bit", pod.Containers[0].Env.Single(e => e.Name == "TARGET").Value);
        Assert.Equal("info", pod.Containers[0].Env.Single(e => e.Name == "PLAIN").Value);
        Assert.Equal("s", pod.Containers[0].Env.Single(e => e.Name == "FROM_SECRET").ValueFrom.SecretKeyRef.Name);
        Assert.Equal(["echo", "fluent-bit"], pod.InitContainers[0].Command);
    }

    [Fact]
    public void The_jobtemplate_of_the_operarius_is_left_as_it_was()
    {
        var template = JobTemplate(Kubectl("daemonset/{{ .Alert.Labels.daemonset }}"));

        RemediationJobBuilder.Build(Operarius(template), Context(NodeExporter), JobTemplates.Parse(template));

        Assert.Equal(["daemonset/{{ .Alert.Labels.daemonset }}"], template.Spec.Template.Spec.Containers[0].Args);
    }

    [Fact]
    public void The_openfero_variables_are_never_templated_and_a_templated_value_is_not_parsed_again()
    {
        var alert = NodeExporter with { Labels = Labels(("alertname", "KubeDaemonSetRolloutStuck"), ("daemonset", "node-exporter"), ("namespace", "monitoring"), ("note", "{{ .Status }}")) };
        var template = JobTemplate(Kubectl("{{ .Alert.Labels.note }}"));

        var job = RemediationJobBuilder.Build(Operarius(template), Context(alert), JobTemplates.Parse(template));

        var container = job.Spec.Template.Spec.Containers[0];
        Assert.Equal(["{{ .Status }}"], container.Args);
        Assert.Equal("{{ .Status }}", container.Env.Single(e => e.Name == "OPENFERO_NOTE").Value);
    }

    [Fact]
    public void A_jobtemplate_without_templates_has_none_to_render()
    {
        var plain = JobTemplate(new V1Container { Name = "plain", Image = "x", Args = ["rollout", "status"], Env = [new V1EnvVar { Name = "A", Value = "{ b }" }] });
        plain.Spec.Template.Spec.InitContainers = null;

        var templates = JobTemplates.Parse(plain);

        Assert.False(templates.Any);
        Assert.False(JobTemplates.Parse(new V1JobTemplateSpec()).Any);
        Assert.Empty(templates.ParseErrors);
        Assert.Empty(templates.ShellSplicing);
    }

    [Fact]
    public void A_text_that_does_not_parse_names_its_container_and_field_with_gos_error()
    {
        var container = Kubectl("daemonset/{{ .Alert.Labels.daemonset ");
        container.Env.Add(new V1EnvVar { Name = "BAD", Value = "{{ frobnicate .Labels }}" });

        var templates = JobTemplates.Parse(JobTemplate(container));

        Assert.Equal(
        [
            "container kubectl, args[0]: template: kubectl.args[0]:1: unclosed action",
            "container kubectl, env BAD: template: kubectl.env.BAD:1: function \"frobnicate\" not defined",
        ], templates.ParseErrors);
        Assert.Throws<InvalidOperationException>(() => templates.Render(new V1PodSpec(), TemplateData.For(RolloutStuckWebhook)));
    }

    [Fact]
    public void A_missing_key_names_the_container_and_field_with_gos_error()
    {
        var template = JobTemplate(Kubectl("delete", "pod", "{{ .Alert.Labels.pod }}"));

        var error = Assert.Throws<TemplateExecutionException>(() => RemediationJobBuilder.Build(Operarius(template), Context(FluentBit), JobTemplates.Parse(template)));

        Assert.Equal("container kubectl, args[2]: template: kubectl.args[2]:1:3: executing \"kubectl.args[2]\" at <.Alert.Labels.pod>: map has no entry for key \"pod\"",
            error.Message);
    }

    [Fact]
    public void A_shell_script_spliced_with_a_label_is_found_per_container()
    {
        var spliced = new V1Container { Name = "fixer", Image = "bitnami/kubectl", Command = ["/bin/sh", "-c"], Args = ["kubectl delete pod {{ .Alert.Labels.pod }}"] };
        var quoted = new V1Container { Name = "quoted", Image = "bitnami/kubectl", Command = ["/bin/sh", "-c"], Args = ["kubectl delete pod \"$POD\""] };

        var templates = JobTemplates.Parse(JobTemplate(spliced, quoted));

        var finding = Assert.Single(templates.ShellSplicing);
        Assert.StartsWith("container fixer: /bin/sh -c runs a script that splices {{ .Alert.Labels.pod }}", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alert_made_without_its_delivery_is_rendered_as_its_own_group()
    {
        var template = JobTemplate(Kubectl("{{ .GroupKey }}", "{{ len .HookMessage.Alerts }}", "{{ .Alert.Labels.daemonset }}"));
        var alert = AlertContextFactory.Create(NodeExporter, "g");

        var job = RemediationJobBuilder.Build(Operarius(template), alert with { Delivery = null });

        Assert.Equal(["g", "1", "node-exporter"], job.Spec.Template.Spec.Containers[0].Args);
    }
}

using k8s.Models;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Tests.Dispatch;

/// <summary>What an Operarius' status says of its templates, and when it changes.</summary>
public sealed class TemplateConditionsTests
{
    private static readonly DateTime Monday = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Tuesday = Monday.AddDays(1);

    private static JobTemplates Templates(params string[] args) => JobTemplates.Parse(new V1JobTemplateSpec
    {
        Spec = new V1JobSpec
        {
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "kubectl", Image = "bitnami/kubectl", Args = args }] },
            },
        },
    });

    [Fact]
    public void A_template_that_does_not_parse_makes_templates_valid_false_with_gos_error()
    {
        var status = new OperariusStatus();

        var changed = TemplateConditions.Apply(status, Templates("daemonset/{{ .Alert.Labels.daemonset "), 3, Monday);

        var condition = Assert.Single(changed);
        Assert.Equal(("TemplatesValid", "False", "TemplateParseError", 3L, Monday),
            (condition.Type, condition.Status, condition.Reason, condition.ObservedGeneration!.Value, condition.LastTransitionTime));
        Assert.EndsWith("container kubectl, args[0]: template: kubectl.args[0]:1: unclosed action", condition.Message, StringComparison.Ordinal);
        Assert.True(TemplateConditions.IsWarning(condition));
        Assert.Same(condition, Assert.Single(status.Conditions!));
    }

    [Fact]
    public void Fixed_templates_turn_the_condition_true_and_unchanged_ones_write_nothing()
    {
        var status = new OperariusStatus();
        TemplateConditions.Apply(status, Templates("{{ .Alert.Labels.daemonset "), 1, Monday);

        var fixedOnTuesday = TemplateConditions.Apply(status, Templates("{{ .Alert.Labels.daemonset }}"), 2, Tuesday);
        var again = TemplateConditions.Apply(status, Templates("{{ .Alert.Labels.daemonset }}"), 2, Tuesday.AddHours(1));

        var condition = Assert.Single(fixedOnTuesday);
        Assert.Equal(("True", "TemplatesParsed", Tuesday), (condition.Status, condition.Reason, condition.LastTransitionTime));
        Assert.False(TemplateConditions.IsWarning(condition));
        Assert.Empty(again);
    }

    [Fact]
    public void An_operarius_without_templates_gets_no_condition()
    {
        var status = new OperariusStatus();

        Assert.Empty(TemplateConditions.Apply(status, Templates("rollout", "status"), 1, Monday));
        Assert.Null(status.Conditions);
    }

    [Fact]
    public void Shell_splicing_is_a_warning_that_clears_when_the_script_takes_the_value_from_an_env_var()
    {
        var status = new OperariusStatus();
        var spliced = JobTemplates.Parse(new V1JobTemplateSpec
        {
            Spec = new V1JobSpec
            {
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec
                    {
                        Containers = [new V1Container { Name = "fixer", Image = "x", Command = ["sh", "-c"], Args = ["kubectl delete pod {{ .Labels.pod }}"] }],
                    },
                },
            },
        });

        var warned = TemplateConditions.Apply(status, spliced, 1, Monday);
        var cleared = TemplateConditions.Apply(status, Templates("{{ .Labels.pod }}"), 2, Tuesday);

        var warning = Assert.Single(warned, c => c.Type == "ShellSplicing");
        Assert.Equal(("True", "AlertDataInShellScript"), (warning.Status, warning.Reason));
        Assert.True(TemplateConditions.IsWarning(warning));
        Assert.StartsWith("container fixer: sh -c runs a script that splices {{ .Labels.pod }}", warning.Message, StringComparison.Ordinal);
        Assert.Equal("False", Assert.Single(cleared, c => c.Type == "ShellSplicing").Status);
        Assert.Equal(["TemplatesValid", "ShellSplicing"], status.Conditions!.Select(c => c.Type));
    }
}

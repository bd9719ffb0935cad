using OpenFero.DaemonSet.Templates;

namespace OpenFero.DaemonSet.Tests.Templates;

/// <summary>A shell script whose text is templated with alert data is found; passing data through env is not.</summary>
public sealed class ShellSplicingTests
{
    public static TheoryData<string[], string[], string> Unsafe() => new()
    {
        // OpenFero's own docs/operarius-crds.md example.
        { ["/bin/sh", "-c"], ["kubectl delete pod {{ .Alert.Labels.pod }} -n {{ .Alert.Labels.namespace }}"], "{{ .Alert.Labels.pod }}" },
        { ["/bin/sh", "-c", "NAMESPACE=\"{{ .Alert.Labels.namespace }}\"\nkubectl get pods -n $NAMESPACE"], [], "{{ .Alert.Labels.namespace }}" },
        { ["bash"], ["-ec", "echo {{ index .Labels \"pod\" }}"], "{{ index .Labels \"pod\" }}" },
        { ["/usr/bin/env", "sh", "-c"], ["{{ if .Status }}echo {{ .Annotations.summary }}{{ end }}"], "{{ .Annotations.summary }}" },
        { ["sh", "-c"], ["{{ range $k, $v := .Labels }}echo {{ $v }};{{ end }}"], "{{ $v }}" },
        { [], ["-c", "kubectl delete pod {{ .Labels.pod }}"], "{{ .Labels.pod }}" },
        // OpenFero's docs/samples shape: the shell in command, its -c in args.
        { ["/bin/sh"], ["-c", "echo {{ .Alert.Labels.namespace }}"], "{{ .Alert.Labels.namespace }}" },
        { ["/bin/bash", "-e", "-u", "-c", "echo {{ .GroupKey }}"], [], "{{ .GroupKey }}" },
    };

    [Theory]
    [MemberData(nameof(Unsafe))]
    public void A_shell_script_templated_with_alert_data_is_found(string[] command, string[] args, string expression)
    {
        var finding = ShellSplicing.Find(command, args);

        Assert.NotNull(finding);
        Assert.Contains(expression, finding, StringComparison.Ordinal);
    }

    public static TheoryData<string[], string[]> Safe() => new()
    {
        { ["/bin/sh", "-c"], ["kubectl delete pod \"$POD_NAME\" -n \"$NAMESPACE\""] },
        { ["kubectl"], ["delete", "pod", "{{ .Alert.Labels.pod }}", "-n", "{{ .Alert.Labels.namespace }}"] },
        { ["sh", "-c", "kubectl delete pod \"$1\"", "sh", "{{ .Labels.pod }}"], [] },
        { ["/bin/sh", "-c"], ["echo status {{ .Status }}; {{/* a comment */}}"] },
        { ["/bin/sh", "-c"], ["{{ if eq .Labels.severity \"critical\" }}kubectl delete pod \"$POD\"{{ end }}"] },
        { ["python3", "-c", "print('{{ .Labels.pod }}')"], [] },
    };

    [Theory]
    [MemberData(nameof(Safe))]
    public void Data_passed_as_an_argument_or_through_env_is_not_splicing(string[] command, string[] args) =>
        Assert.Null(ShellSplicing.Find(command, args));
}

using OpenFero.DaemonSet.Templates;
using static OpenFero.DaemonSet.Tests.Templates.TemplateFixtures;

namespace OpenFero.DaemonSet.Tests.Templates;

/// <summary>
/// A bad template fails at parse with Go's message, so the Operarius can be marked; a template that does not fit an
/// alert fails at render with Go's message, so that alert's outcome is templateError. Never empty output.
/// </summary>
public sealed class GoTemplateErrorTests
{
    private const string TopLevelType = "struct { Alert models.Alert; HookMessage models.HookMessage; "
        + "Labels map[string]string; Annotations map[string]string; GroupKey string; Status string }";

    [Theory]
    [InlineData("{{ .Alert.Labels.node }}", "template: t:1:3: executing \"t\" at <.Alert.Labels.node>: map has no entry for key \"node\"")]
    [InlineData("{{ .Labels.node }}", "template: t:1:3: executing \"t\" at <.Labels.node>: map has no entry for key \"node\"")]
    [InlineData("x {{ .Alert.Nope }}", "template: t:1:5: executing \"t\" at <.Alert.Nope>: can't evaluate field Nope in type models.Alert")]
    [InlineData("{{ .Nope }}", "template: t:1:3: executing \"t\" at <.Nope>: can't evaluate field Nope in type " + TopLevelType)]
    [InlineData("{{ .Alert.Labels.pod.x }}", "template: t:1:3: executing \"t\" at <.Alert.Labels.pod.x>: can't evaluate field x in type string")]
    [InlineData("{{ .HookMessage.CommonAnnotations.nothing }}", "template: t:1:3: executing \"t\" at <.HookMessage.CommonA...>: map has no entry for key \"nothing\"")]
    [InlineData("é {{ .Labels.x }}", "template: t:1:6: executing \"t\" at <.Labels.x>: map has no entry for key \"x\"")]
    [InlineData("line one\n  {{ .Labels.x }}", "template: t:2:5: executing \"t\" at <.Labels.x>: map has no entry for key \"x\"")]
    [InlineData("{{ if .Labels.x }}{{ end }}", "template: t:1:6: executing \"t\" at <.Labels.x>: map has no entry for key \"x\"")]
    [InlineData("{{ range .HookMessage.Alerts }}{{ .Labels.pod }}{{ end }}", "template: t:1:34: executing \"t\" at <.Labels.pod>: map has no entry for key \"pod\"")]
    public void A_missing_key_or_field_is_an_execution_error_naming_it(string template, string message)
    {
        var error = Assert.Throws<TemplateExecutionException>(() => Render(template));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("{{ eq 1 \"a\" }}", "template: t:1:3: executing \"t\" at <eq 1 \"a\">: error calling eq: incompatible types for comparison")]
    [InlineData("{{ lt true false }}", "template: t:1:3: executing \"t\" at <lt true false>: error calling lt: invalid type for comparison")]
    [InlineData("{{ len 3 }}", "template: t:1:3: executing \"t\" at <len 3>: error calling len: len of type int")]
    [InlineData("{{ index .HookMessage.Alerts 5 }}", "template: t:1:3: executing \"t\" at <index .HookMessage.A...>: error calling index: index out of range: 5")]
    [InlineData("{{ len }}", "template: t:1:3: executing \"t\" at <len>: wrong number of args for len: want 1 got 0")]
    [InlineData("{{ .Labels.pod 1 }}", "template: t:1:3: executing \"t\" at <.Labels.pod>: pod is not a method but has arguments")]
    [InlineData("{{ range .Status }}{{ end }}", "template: t:1:9: executing \"t\" at <.Status>: range can't iterate over firing")]
    public void A_builtin_that_refuses_its_arguments_is_an_execution_error(string template, string message)
    {
        var error = Assert.Throws<TemplateExecutionException>(() => Render(template));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("{{ foo .Labels }}", "template: t:1: function \"foo\" not defined")]
    [InlineData("{{ .Labels.pod ", "template: t:1: unclosed action")]
    [InlineData("{{ .Labels.pod }", "template: t:1: unrecognized character in action: U+007D '}'")]
    [InlineData("{{ if .Status }}x", "template: t:1: unexpected EOF")]
    [InlineData("x{{ end }}", "template: t:1: unexpected {{end}}")]
    [InlineData("{{ else }}", "template: t:1: unexpected {{else}}")]
    [InlineData("{{ $x }}", "template: t:1: undefined variable \"$x\"")]
    [InlineData("{{ }}", "template: t:1: missing value for command")]
    [InlineData("{{ if }}{{ end }}", "template: t:1: missing value for if")]
    [InlineData("{{/* open", "template: t:1: unclosed comment")]
    [InlineData("{{ .Labels | \"x\" }}", "template: t:1: non executable command in pipeline stage 2")]
    [InlineData("{{ \"unterminated }}", "template: t:1: unterminated quoted string")]
    [InlineData("{{ .Labels.a-b }}", "template: t:1: bad character U+002D '-'")]
    [InlineData("a\nb\n{{ foo }}", "template: t:3: function \"foo\" not defined")]
    [InlineData("{{ break }}", "template: t:1: {{break}} outside {{range}}")]
    [InlineData("{{ (.Status }}", "template: t:1: unclosed left paren")]
    [InlineData("line1\n{{\"x\"\n\"y\"\n", "template: t:4: unclosed action started at t:2")]
    [InlineData("{{\n.Labels\n#}}", "template: t:3: unrecognized character in action: U+0023 '#' in action started at t:1")]
    [InlineData("line1\n{{\nx\n}}", "template: t:3: function \"x\" not defined")]
    [InlineData("{{`x`3}}", "template: t:1: unexpected \"3\" in operand")]
    [InlineData("{{ .X 1 2 3 ) }}", "template: t:1: unexpected right paren")]
    public void Bad_syntax_is_a_parse_error_with_gos_message(string template, string message)
    {
        var error = Assert.Throws<TemplateParseException>(() => GoTemplate.Parse("t", template));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("{{ define \"x\" }}{{ end }}")]
    [InlineData("{{ template \"x\" }}")]
    public void Named_templates_are_refused_at_parse(string template) =>
        Assert.Throws<TemplateParseException>(() => GoTemplate.Parse("t", template));
}

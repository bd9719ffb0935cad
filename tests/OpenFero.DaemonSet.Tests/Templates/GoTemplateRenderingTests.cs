using OpenFero.DaemonSet.Templates;
using static OpenFero.DaemonSet.Tests.Templates.TemplateFixtures;

namespace OpenFero.DaemonSet.Tests.Templates;

/// <summary>Each construct renders what Go's text/template prints for the same template and data.</summary>
public sealed class GoTemplateRenderingTests
{
    [Theory]
    [InlineData("no action at all", "no action at all")]
    [InlineData("{{ .Alert.Labels.daemonset }}", "node-exporter")]
    [InlineData("{{ .Labels.namespace }}/{{ .Annotations.summary }}", "monitoring/Rollout stuck.")]
    [InlineData("{{ .Status }} {{ .GroupKey }}", "firing {}:{alertname=\"KubeDaemonSetRolloutStuck\"}")]
    [InlineData("{{ .HookMessage.Version }} {{ .HookMessage.Receiver }} {{ .HookMessage.ExternalURL }}", "4 openfero http://alertmanager:9093")]
    [InlineData("{{ .HookMessage.GroupLabels.alertname }}", "KubeDaemonSetRolloutStuck")]
    [InlineData("{{ .HookMessage.CommonLabels }}", "map[alertname:KubeDaemonSetRolloutStuck severity:warning]")]
    [InlineData("{{ .Alert.StartsAt }} {{ .Alert.EndsAt }}", "2026-12-03T05:00:00.123Z 0001-01-01T00:00:00Z")]
    [InlineData("{{ .Alert.Status }} {{ .Alert.Fingerprint }} {{ .Alert.GeneratorURL }}", "firing 4f1c2a7b9d3e5f60 http://prometheus:9090/graph?g0.expr=x")]
    [InlineData("{{ (index .HookMessage.Alerts 1).Labels.daemonset }}", "fluent-bit")]
    public void Fields_of_the_data_and_of_its_maps_render_as_values(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ index .Alert.Labels \"pod\" }}", "node-exporter-abc12")]
    [InlineData("{{ index (index .HookMessage.Alerts 1).Labels \"namespace\" }}", "logging")]
    [InlineData("{{ len (index .HookMessage.Alerts 0).Labels }}", "5")]
    [InlineData("[{{ index .Alert.Labels \"no-such-label\" }}]", "[]")]
    [InlineData("{{ index \"abc\" 1 }}", "98")]
    public void Index_reaches_into_maps_and_lists_and_gives_the_zero_value_for_a_missing_key_as_go_does(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("a  {{- .Status -}}  b", "afiringb")]
    [InlineData("a\n  {{- .Status }}\n", "afiring\n")]
    [InlineData("{{ .Status -}}\n\t x", "firingx")]
    [InlineData("a {{- /* a comment */ -}} b", "ab")]
    [InlineData("{{/* a comment */}}x", "x")]
    [InlineData("{{-3}}", "-3")]
    public void Trim_markers_remove_the_neighbouring_whitespace_and_comments_write_nothing(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ $ds := .Alert.Labels.daemonset }}{{ $ds }}", "node-exporter")]
    [InlineData("{{ with .Alert.Labels }}{{ .pod }}/{{ $.Status }}{{ end }}", "node-exporter-abc12/firing")]
    [InlineData("{{ $x := \"a\" }}{{ if true }}{{ $x = \"b\" }}{{ end }}{{ $x }}", "b")]
    [InlineData("{{ $l := .Labels }}{{ $l.severity }}", "warning")]
    public void Variables_hold_values_and_dollar_is_the_whole_data(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ if eq .Labels.severity \"critical\" }}page{{ else if eq .Labels.severity \"warning\" }}ticket{{ else }}ignore{{ end }}", "ticket")]
    [InlineData("{{ if \"\" }}a{{ else }}b{{ end }}{{ if 0 }}a{{ else }}b{{ end }}{{ if false }}a{{ else }}b{{ end }}", "bbb")]
    [InlineData("{{ if .Alert.Annotations }}a{{ end }}{{ if 1.5 }}b{{ end }}{{ if .Alert }}c{{ end }}", "abc")]
    [InlineData("{{ with .Alert.Labels.severity }}{{ . }}{{ else }}none{{ end }}", "warning")]
    [InlineData("{{ with \"\" }}x{{ else }}empty{{ end }}", "empty")]
    [InlineData("{{ with $s := .Status }}{{ $s }}{{ end }}", "firing")]
    public void If_and_with_follow_gos_truth(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ range $k, $v := .HookMessage.CommonLabels }}{{ $k }}={{ $v }};{{ end }}", "alertname=KubeDaemonSetRolloutStuck;severity=warning;")]
    [InlineData("{{ range .Alert.Labels }}{{ . }},{{ end }}", "KubeDaemonSetRolloutStuck,node-exporter,monitoring,node-exporter-abc12,warning,")]
    [InlineData("{{ range $i, $a := .HookMessage.Alerts }}{{ $i }}:{{ $a.Labels.daemonset }} {{ end }}", "0:node-exporter 1:fluent-bit ")]
    [InlineData("{{ range .HookMessage.Alerts }}{{ .Labels.namespace }},{{ end }}", "monitoring,logging,")]
    [InlineData("{{ range slice .HookMessage.Alerts 0 0 }}x{{ else }}none{{ end }}", "none")]
    [InlineData("{{ range .HookMessage.Alerts }}{{ if eq .Labels.daemonset \"fluent-bit\" }}{{ break }}{{ end }}{{ .Labels.daemonset }}{{ end }}", "node-exporter")]
    [InlineData("{{ range .HookMessage.Alerts }}{{ if eq .Labels.daemonset \"node-exporter\" }}{{ continue }}{{ end }}{{ .Labels.daemonset }}{{ end }}", "fluent-bit")]
    [InlineData("{{ range $i, $a := .HookMessage.Alerts }}{{ $.Status }}{{ end }}", "firingfiring")]
    public void Range_walks_maps_in_sorted_key_order_and_lists_in_order(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ .Alert.Labels.pod | printf \"pod/%s\" }}", "pod/node-exporter-abc12")]
    [InlineData("{{ .Labels | len }}", "5")]
    [InlineData("{{ len .HookMessage.Alerts }} {{ len \"héllo\" }}", "2 6")]
    [InlineData("{{ \"warning\" | eq .Labels.severity }}", "true")]
    [InlineData("{{ print \"a\" \"b\" 1 2 \"c\" }}", "ab1 2c")]
    [InlineData("{{ println \"a\" 1 }}", "a 1\n")]
    [InlineData("{{ printf \"%s/%d/%v/%q/%t/%x\" \"x\" 3 true \"y\" false 255 }}", "x/3/true/\"y\"/false/ff")]
    [InlineData("{{ printf \"%d|%s|%%\" \"x\" }}", "%!d(string=x)|%!s(MISSING)|%")]
    [InlineData("{{ printf \"a\" 1 \"b\" }}", "a%!(EXTRA int=1, string=b)")]
    [InlineData("{{ printf \"%v\" .HookMessage.GroupLabels }}", "map[alertname:KubeDaemonSetRolloutStuck]")]
    public void Pipelines_and_printing_builtins_format_as_gos_fmt(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ eq 1 1 }} {{ ne \"a\" \"b\" }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt \"b\" \"a\" }} {{ ge 1 2 }}", "true true true true true false")]
    [InlineData("{{ eq .Labels.severity \"critical\" \"warning\" }}", "true")]
    [InlineData("{{ and 1 0 2 }} {{ and 1 2 }} {{ or 0 \"\" \"x\" }} [{{ or 0 \"\" }}] {{ not \"\" }}", "0 2 x [] true")]
    [InlineData("{{ or .Status .Alert.Labels.missing }}", "firing")]
    [InlineData("{{ and \"\" .Alert.Labels.missing }}", "")]
    public void Comparisons_and_logic_follow_go_and_and_or_stop_at_the_deciding_argument(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ html \"<a href='x'>&</a>\" }}", "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;")]
    [InlineData("{{ urlquery \"a b&c=d/é\" }}", "a+b%26c%3Dd%2F%C3%A9")]
    [InlineData("{{ js \"it's \\\"q\\\" <b>\" }}", "it\\'s \\\"q\\\" \\u003Cb\\u003E")]
    public void Escaping_builtins_escape_as_go_does(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ \"tab\\there\" }}", "tab\there")]
    [InlineData("{{ `raw\\n` }}", "raw\\n")]
    [InlineData("{{ 42 }} {{ -3 }} {{ 1.5 }} {{ 1e6 }} {{ 100000.0 }} {{ 0x1F }} {{ 'a' }} {{ true }}", "42 -3 1.5 1e+06 100000 31 97 true")]
    [InlineData("{{ (print \"a\" \"b\") }}", "ab")]
    public void Literals_render_as_go_prints_them(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{.Labels.pod}}|{{index .Labels \"namespace\"}}|{{len .Labels}}", "node-exporter-abc12|monitoring|5")]
    [InlineData("{{ len (print (index .Labels \"pod\") (printf \"%d\" 1)) }}", "20")]
    [InlineData("[{{ with $x := \"\" }}a{{ end }}]", "[]")]
    [InlineData("{{ with eq .Status \"resolved\" }}r{{ else with .Labels.severity }}{{ . }}{{ end }}", "warning")]
    [InlineData("{{ range 3 }}{{ . }}{{ end }}", "012")]
    [InlineData("set -e\n{{ if eq .Status \"firing\" -}}\n  kubectl get ds\n{{- end }}\n", "set -e\nkubectl get ds\n")]
    public void Constructs_combine_as_in_go(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Fact]
    public void A_label_value_that_looks_like_a_template_comes_out_literally()
    {
        var alert = NodeExporter with { Labels = Labels(("pod", "{{ .Status }}"), ("daemonset", "{{ index . \"x\" }}")) };

        Assert.Equal("{{ .Status }} {{ index . \"x\" }}", Render("{{ .Alert.Labels.pod }} {{ .Labels.daemonset }}", alert));
    }

    [Fact]
    public void Without_alerts_the_alert_is_made_of_the_common_labels_and_annotations_as_in_openfero()
    {
        var data = TemplateData.For(RolloutStuckWebhook with { Alerts = [] });

        Assert.Equal("warning Rollout stuck. []", GoTemplate
            .Parse("t", "{{ .Alert.Labels.severity }} {{ .Annotations.summary }} {{ .HookMessage.Alerts }}").Render(data));
    }

    [Fact]
    public void One_parsed_template_renders_for_many_alerts_at_once()
    {
        var template = GoTemplate.Parse("t", "{{ range $k, $v := .Labels }}{{ $k }}={{ $v }} {{ end }}");
        var alerts = Enumerable.Range(0, 200).Select(i => NodeExporter with { Labels = Labels(("pod", $"p{i}"), ("n", $"{i}")) }).ToList();

        var rendered = alerts.AsParallel().Select(a => template.Render(TemplateData.For(a, RolloutStuckWebhook))).ToList();

        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"n={i} pod=p{i} "), rendered);
    }
}

using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Tests.Analysis;

/// <summary>The text report's tables: a header, columns as wide as their widest cell, nothing a terminal misaligns.</summary>
public sealed class ReportTextTests
{
    [Fact]
    public void Columns_are_as_wide_as_their_widest_cell_with_three_spaces_between_and_no_trailing_space()
    {
        var lines = TextTable.Lines(
            [new Row("node-1", "a-very-long-pod-name", "x"), new Row("node-10", "p", "")],
            [new TextColumn<Row>("NODE", r => r.Node), new("POD", r => r.Pod), new("WHY", r => r.Why)]);

        Assert.Equal(
            [
                "NODE      POD                    WHY",
                "node-1    a-very-long-pod-name   x",
                "node-10   p",
            ],
            lines);
    }

    [Fact]
    public void The_pod_table_has_a_header_kubectl_ages_resources_and_no_tabs()
    {
        var ds = Snapshots.DaemonSet();
        var pod = Snapshots.PendingDaemonPod(ds, "node-1", "0/1 nodes are available: 1 Insufficient cpu.");
        var report = DaemonSetAnalyzer.Analyze(Snapshots.Of(ds, [pod]), new AnalysisOptions(), Snapshots.Now);

        var text = ReportRendering.ToText(report);

        Assert.DoesNotContain('\t', text);
        Assert.DoesNotContain(" \n", text, StringComparison.Ordinal);
        var lines = text.Split('\n');
        var header = Array.FindIndex(lines, l => l.TrimStart().StartsWith("NODE ", StringComparison.Ordinal) && l.Contains(" POD ", StringComparison.Ordinal) && l.Contains(" AGE ", StringComparison.Ordinal));
        Assert.True(header > 0, text);
        Assert.Equal("Pods:", lines[header - 1]);
        Assert.Contains(" PHASE ", lines[header], StringComparison.Ordinal);
        Assert.Contains(" STATUS ", lines[header], StringComparison.Ordinal);
        Assert.Contains(" REQUESTS ", lines[header], StringComparison.Ordinal);
        var row = lines[header + 1];
        Assert.StartsWith("  node-1 ", row, StringComparison.Ordinal);
        Assert.Contains(" 10m ", row, StringComparison.Ordinal);
        Assert.Equal(lines[header].IndexOf(" AGE ", StringComparison.Ordinal), row.IndexOf(" 10m ", StringComparison.Ordinal));
    }

    private sealed record Row(string Node, string Pod, string Why);
}

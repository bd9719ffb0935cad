using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// An analysis-only run (<c>Runner:AnalyzeOnly</c>) in words: one paragraph (the termination message's first line,
/// after <c>analyzed: </c>), one sentence (its Event), and the whole report as text below the paragraph.
/// </summary>
public static class AnalysisOnlyText
{
    /// <summary>"ns/name: verdict [Cause]; also: …; recommendation; analysis only, nothing changed."</summary>
    public static string Paragraph(DaemonSetTarget target, DaemonSetReport report)
    {
        var others = report.Causes.Skip(1).Select(c => $"{c.Summary} [{c.Cause}]").ToList();
        var recommendation = report.Health.FirstOrDefault(h => h.Code == HealthAnalysis.CauseCode(report.Verdict.Cause))?.Recommendation;
        return $"{target}: {report.Verdict.Summary} [{report.Verdict.Cause}]" +
            (others.Count == 0 ? "" : $"; also: {string.Join("; ", others)}") +
            (recommendation is null ? "" : $"; {recommendation}") +
            "; analysis only, nothing changed.";
    }

    /// <summary>The Event's one sentence: the verdict.</summary>
    public static string Sentence(DaemonSetReport report) => $"Analyzed, nothing changed: {report.Verdict.Summary}.";

    /// <summary>The termination message's summary: the paragraph on one line, then the report as <c>analyze</c> prints it.</summary>
    public static string Summary(string paragraph, DaemonSetReport report) => $"{paragraph}\n\n{ReportRendering.ToText(report).TrimEnd()}";
}

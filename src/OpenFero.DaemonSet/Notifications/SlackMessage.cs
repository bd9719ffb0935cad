using System.Text.Json.Nodes;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// A remediation as Block Kit: a header, the facts as section fields, the verdict, the steps seen so far (until the
/// runner's summary tells them all), the runner's summary and the next commands as sections, and a context line.
/// Within Slack's limits: at most seven blocks of its 50, and each text cut to its limit (3,000 characters per
/// section text, 2,000 per field, 150 per header) with a note that says so; of many steps, the latest are kept.
/// </summary>
public static class SlackMessage
{
    public const int MaxSectionText = 3000;
    public const int MaxFieldText = 2000;
    public const int MaxHeaderText = 150;

    /// <summary>The <c>text</c> (the notification's fallback) and <c>blocks</c> of a message.</summary>
    public static JsonObject Build(RemediationNotice notice)
    {
        var fields = new JsonArray();
        foreach (var (name, value) in Facts(notice))
        {
            fields.Add(Mrkdwn(TextLimit.Cut($"*{name}*\n{Escape(value)}", MaxFieldText)));
        }

        var blocks = new List<JsonObject>
        {
            new() { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = TextLimit.Cut(notice.Title, MaxHeaderText) } },
            new() { ["type"] = "section", ["fields"] = fields },
        };
        if (notice.Verdict is { } verdict)
        {
            blocks.Add(Section($"*Verdict*\n{Escape(verdict)}"));
        }

        if (notice.Steps is { Count: > 0 } steps && notice.Summary is null)
        {
            blocks.Add(Section(StepLines.Latest("*Steps*", [.. steps.Select(Escape)], MaxSectionText)));
        }

        if (notice.Summary is { } summary)
        {
            blocks.Add(Section($"*Summary*\n{Escape(summary)}"));
        }

        if (notice.NextCommands is { Count: > 0 } commands)
        {
            blocks.Add(Section($"*Next*\n```{Escape(string.Join('\n', commands))}```"));
        }

        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray(Mrkdwn(Escape($"openfero-daemonset · {notice.AlertName} {notice.Fingerprint} · {notice.At:yyyy-MM-dd HH:mm:ss}Z"))),
        });

        return new JsonObject
        {
            ["text"] = TextLimit.Cut(Escape($"{notice.Title}{(notice.Verdict is { } v ? $": {v}" : "")}"), MaxSectionText),
            ["blocks"] = new JsonArray([.. blocks]),
        };
    }

    private static IEnumerable<(string Name, string Value)> Facts(RemediationNotice notice)
    {
        yield return ("Alert", notice.AlertName);
        yield return ("DaemonSet", notice.TargetText);
        yield return ("Job", $"{notice.JobNamespace}/{notice.Job}");
        yield return ("Severity", notice.Severity ?? "none");
        if (notice.Outcome is { } outcome)
        {
            yield return ("Outcome", outcome);
        }
    }

    private static JsonObject Section(string text) =>
        new() { ["type"] = "section", ["text"] = Mrkdwn(TextLimit.Cut(text, MaxSectionText)) };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    /// <summary>The three characters Slack's mrkdwn reserves (for links and mentions).</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}

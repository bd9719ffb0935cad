using System.Text.Json.Nodes;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// A remediation as a Teams workflow webhook takes it: a message with one Adaptive Card 1.4 attachment holding a
/// title, the facts, the verdict, the runner's summary (or, without one, the steps seen) and the next commands, each text cut to
/// <see cref="MaxText"/> characters with a note that says so (a card must stay under Teams' 28 KB).
/// </summary>
public static class TeamsMessage
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";
    public const int MaxText = 3000;

    public static JsonObject Build(RemediationNotice notice)
    {
        var facts = new JsonArray();
        foreach (var (name, value) in Facts(notice))
        {
            facts.Add(new JsonObject { ["title"] = name, ["value"] = TextLimit.Cut(value, MaxText) });
        }

        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = TextLimit.Cut(notice.Title, MaxText), ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
            new JsonObject { ["type"] = "FactSet", ["facts"] = facts },
        };
        if (notice.Summary is { } summary)
        {
            body.Add(Text(summary));
        }
        else if (notice.Steps is { Count: > 0 } steps)
        {
            // An end without the runner's summary (its pod gave none) tells the steps that were seen instead.
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = StepLines.Latest("Steps:", steps, MaxText, "\n\n"), ["wrap"] = true });
        }

        if (notice.NextCommands is { Count: > 0 } commands)
        {
            body.Add(Text("Next:"));
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = TextLimit.Cut(string.Join("\n\n", commands), MaxText), ["fontType"] = "Monospace", ["wrap"] = true });
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
        };
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = CardContentType, ["contentUrl"] = null, ["content"] = card }),
        };
    }

    private static IEnumerable<(string Name, string Value)> Facts(RemediationNotice notice)
    {
        yield return ("Alert", notice.AlertName);
        yield return ("DaemonSet", notice.TargetText);
        yield return ("Job", $"{notice.JobNamespace}/{notice.Job}");
        yield return ("Severity", notice.Severity ?? "none");
        if (notice.Verdict is { } verdict)
        {
            yield return ("Verdict", verdict);
        }

        if (notice.Outcome is { } outcome)
        {
            yield return ("Outcome", outcome);
        }
    }

    private static JsonObject Text(string text) => new() { ["type"] = "TextBlock", ["text"] = TextLimit.Cut(text, MaxText), ["wrap"] = true };
}

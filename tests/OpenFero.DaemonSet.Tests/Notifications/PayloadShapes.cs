using System.Net.Mime;
using System.Text;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace OpenFero.DaemonSet.Tests.Notifications;

/// <summary>
/// What each platform requires of a message, checked the way the platform would: Block Kit's block and text object
/// fields and limits, the Adaptive Card attachment Teams workflows take, and CloudEvents' required attributes
/// (decoded with the SDK, which refuses an event that lacks one).
/// </summary>
internal static class PayloadShapes
{
    private static readonly string[] BlockTypes = ["header", "section", "context", "divider", "actions", "rich_text"];

    /// <summary>A Block Kit message; answers every text in it, in order.</summary>
    public static IReadOnlyList<string> SlackBlockKit(JsonNode message)
    {
        var texts = new List<string>();
        Assert.False(string.IsNullOrWhiteSpace(message["text"]?.GetValue<string>()), "a message needs its fallback text");
        var blocks = Assert.IsType<JsonArray>(message["blocks"]);
        Assert.InRange(blocks.Count, 1, 50);
        foreach (var block in blocks.Select(b => b!))
        {
            var type = block["type"]!.GetValue<string>();
            Assert.Contains(type, BlockTypes);
            switch (type)
            {
                case "header":
                    Assert.Equal("plain_text", block["text"]!["type"]!.GetValue<string>());
                    texts.Add(Text(block["text"]!, 150));
                    break;
                case "section":
                    Assert.True(block["text"] is not null || block["fields"] is not null, "a section needs text or fields");
                    if (block["text"] is { } text)
                    {
                        texts.Add(Text(text, 3000));
                    }

                    if (block["fields"] is JsonArray fields)
                    {
                        Assert.InRange(fields.Count, 1, 10);
                        texts.AddRange(fields.Select(f => Text(f!, 2000)));
                    }

                    break;
                case "context":
                    var elements = Assert.IsType<JsonArray>(block["elements"]);
                    Assert.InRange(elements.Count, 1, 10);
                    texts.AddRange(elements.Select(e => Text(e!, 3000)));
                    break;
            }
        }

        return texts;
    }

    /// <summary>A Teams workflow message with one Adaptive Card; answers the card's texts and facts, in order.</summary>
    public static IReadOnlyList<string> TeamsAdaptiveCard(JsonNode message)
    {
        Assert.Equal("message", message["type"]!.GetValue<string>());
        var attachment = Assert.Single(Assert.IsType<JsonArray>(message["attachments"]))!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.4", card["version"]!.GetValue<string>());
        var texts = new List<string>();
        foreach (var element in Assert.IsType<JsonArray>(card["body"]).Select(e => e!))
        {
            switch (element["type"]!.GetValue<string>())
            {
                case "TextBlock":
                    texts.Add(element["text"]!.GetValue<string>());
                    break;
                case "FactSet":
                    texts.AddRange(element["facts"]!.AsArray().Select(f => $"{f!["title"]!.GetValue<string>()}: {f["value"]!.GetValue<string>()}"));
                    break;
                default:
                    Assert.Fail($"unexpected card element {element["type"]}");
                    break;
            }
        }

        Assert.NotEmpty(texts);
        return texts;
    }

    /// <summary>A structured-mode CloudEvent as its receiver decodes it.</summary>
    public static CloudEvent CloudEvent(ReceivedRequest request)
    {
        Assert.StartsWith("application/cloudevents+json", request.ContentType, StringComparison.Ordinal);
        var decoded = new JsonEventFormatter().DecodeStructuredModeMessage(Encoding.UTF8.GetBytes(request.Body), new ContentType(request.ContentType!), null);
        Assert.Equal(CloudEventsSpecVersion.V1_0, decoded.SpecVersion);
        Assert.False(string.IsNullOrEmpty(decoded.Id));
        Assert.NotNull(decoded.Source);
        Assert.False(string.IsNullOrEmpty(decoded.Type));
        Assert.Equal("1.0", request.Json["specversion"]!.GetValue<string>());
        return decoded;
    }

    private static string Text(JsonNode textObject, int limit)
    {
        Assert.Contains(textObject["type"]!.GetValue<string>(), new[] { "plain_text", "mrkdwn" });
        var text = textObject["text"]!.GetValue<string>();
        Assert.InRange(text.Length, 1, limit);
        return text;
    }
}

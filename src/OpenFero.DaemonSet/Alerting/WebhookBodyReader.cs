using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OpenFero.DaemonSet.Alerting;

/// <summary>Reads a webhook body within its size limit; each way it can be wrong becomes the right 4xx.</summary>
public static class WebhookBodyReader
{
    public abstract record Result
    {
        public sealed record Read(AlertmanagerWebhook Webhook) : Result;

        public sealed record Rejected(int StatusCode, string Title, string Detail) : Result;
    }

    public static async Task<Result> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            return new Result.Rejected(415, "Unsupported Media Type", $"Content-Type must be application/json, not \"{request.ContentType}\"");
        }

        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return TooLarge(maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        try
        {
            var webhook = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), WebhookJsonContext.Default.AlertmanagerWebhook);
            return webhook is null
                ? new Result.Rejected(400, "Malformed JSON", "the body is null")
                : new Result.Read(webhook);
        }
        catch (JsonException error)
        {
            var where = error.Path is { Length: > 0 } path ? $" at {path}" : "";
            return new Result.Rejected(400, "Malformed JSON",
                $"the body is not a valid Alertmanager webhook{where} (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}): {error.Message.Split(" Path:")[0]}");
        }
    }

    private static Result TooLarge(long maxBytes) =>
        new Result.Rejected(413, "Payload Too Large", $"the body is larger than {maxBytes} bytes (Webhook:MaxBodyBytes)");

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim() is var media &&
        (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}

using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using OpenFero.DaemonSet.Alerts;

namespace OpenFero.DaemonSet.Webhook;

/// <summary>
/// Reads a webhook body within its size limit; each way it can be wrong becomes the right 4xx. Memory follows the
/// bytes that arrive, never the declared Content-Length: a client declaring a mebibyte and sending fifteen bytes
/// costs a small pooled buffer, not a mebibyte.
/// </summary>
public static class WebhookBodyReader
{
    private const int FirstBufferBytes = 4096;

    public abstract record Result
    {
        public sealed record Read(AlertmanagerWebhook Webhook) : Result;

        public sealed record Rejected(int StatusCode, string Title, string Detail) : Result;

        /// <summary>The client hung up or stalled before the whole body arrived: nobody is left to answer.</summary>
        public sealed record Abandoned(string Reason) : Result;
    }

    /// <summary>What can be refused from the headers alone, before a byte of the body is read.</summary>
    public static Result.Rejected? RefuseByHeaders(HttpRequest request) =>
        IsJson(request.ContentType)
            ? null
            : new Result.Rejected(415, "Unsupported Media Type", $"Content-Type must be application/json, not \"{request.ContentType}\"");

    public static async Task<Result> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (RefuseByHeaders(request) is { } refused)
        {
            return refused;
        }

        // Kestrel refuses a declared length above its limit at the first read, and then does not drain the body;
        // refused here instead, the body would be drained after the answer. Without such a limit, it is refused here.
        if (request.ContentLength > maxBytes && !(request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize <= maxBytes))
        {
            return TooLarge(maxBytes);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferBytes);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    buffer = Grow(buffer, length, maxBytes + 1);
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    return TooLarge(maxBytes);
                }
            }

            return Deserialize(buffer.AsSpan(0, length));
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's limit (the endpoint's RequestSizeLimit): a declared Content-Length above it fails the
            // first read, before a byte is buffered; a chunked body fails once it passes it.
            return TooLarge(maxBytes);
        }
        catch (Exception gone) when (gone is IOException || (gone is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // Kestrel's BadHttpRequestException (an IOException) says the body ended early or trickled in below the
            // minimum data rate; a reset connection or an aborted request says the client left.
            return new Result.Abandoned(gone.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Doubles the buffer (never past <paramref name="limit"/>): its size follows what arrived.</summary>
    private static byte[] Grow(byte[] buffer, int length, long limit)
    {
        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit));
        buffer.AsSpan(0, length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }

    private static Result Deserialize(ReadOnlySpan<byte> body)
    {
        try
        {
            var webhook = JsonSerializer.Deserialize(body, WebhookJsonContext.Default.AlertmanagerWebhook);
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

    private static Result.Rejected TooLarge(long maxBytes) =>
        new(413, "Payload Too Large", $"the body is larger than {maxBytes} bytes (Webhook:MaxBodyBytes)");

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim() is var media &&
        (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}

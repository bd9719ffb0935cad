using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenFero.DaemonSet.Webhook;

/// <summary>
/// The webhook's answer (202, or 503 when Alertmanager must deliver again) as JSON with its Content-Length, written
/// once when the request ends. TypedResults' JSON results start the response and serialize asynchronously into it
/// (chunked), and with the server's relaxed escaping they take the serializer's metadata path; here the
/// source-generated writer runs, with the same escaping through the writer's encoder: the same JSON.
/// </summary>
public sealed class WebhookAnswerResult(WebhookAnswer answer, int statusCode)
    : IResult, IStatusCodeHttpResult, IValueHttpResult<WebhookAnswer>, IValueHttpResult, IContentTypeHttpResult
{
    private const string JsonContentType = "application/json; charset=utf-8";

    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public WebhookAnswer Value => answer;

    object? IValueHttpResult.Value => answer;

    public int StatusCode => statusCode;

    int? IStatusCodeHttpResult.StatusCode => statusCode;

    public string ContentType => JsonContentType;

    public static WebhookAnswerResult Accepted(WebhookAnswer answer) => new(answer, StatusCodes.Status202Accepted);

    public static WebhookAnswerResult Unavailable(WebhookAnswer answer) => new(answer, StatusCodes.Status503ServiceUnavailable);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var body = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(body, Relaxed))
        {
            // The context's options are the generated ones, so the generated writer runs; the escaping is the writer's.
            JsonSerializer.Serialize(writer, answer, WebhookJsonContext.Default.WebhookAnswer);
        }

        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = JsonContentType;
        response.ContentLength = body.WrittenCount;
        // Not flushed here: Kestrel sends headers and body together when the request ends.
        response.BodyWriter.Write(body.WrittenSpan);
        return Task.CompletedTask;
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OpenFero.DaemonSet.Tests.Notifications;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel, a port the system picked) standing in for Slack, Teams or a CloudEvents
/// sink: it records every request and answers each with the next scripted <see cref="ReceiverAnswer"/>, then with
/// <see cref="Otherwise"/>. A hanging answer holds the request until the client gives up or the receiver stops.
/// </summary>
internal sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedRequest> received = new();
    private readonly ConcurrentQueue<ReceiverAnswer> script = new();
    private readonly CancellationTokenSource stopping = new();
    private int hanging;

    private NotificationReceiver(WebApplication app) => this.app = app;

    public IReadOnlyList<ReceivedRequest> Requests => [.. received];

    /// <summary>Requests held by a hanging answer right now.</summary>
    public int Hanging => Volatile.Read(ref hanging);

    /// <summary>The answer once the script is used up; 200 with an empty body unless set.</summary>
    public Func<ReceivedRequest, ReceiverAnswer> Otherwise { get; set; } = _ => new ReceiverAnswer.Status(200);

    /// <summary>The clock each request's arrival is read from: a test's fake clock, to order arrivals against its advances.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public Uri BaseAddress => new(app.Urls.First());

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public static async Task<NotificationReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new NotificationReceiver(app);
        app.Run(receiver.AnswerAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return receiver;
    }

    public void Then(params ReceiverAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            script.Enqueue(answer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = new ReceivedRequest(context.Request.Path.Value ?? "", context.Request.ContentType, context.Request.Headers.Authorization.ToString(), body, Clock.GetUtcNow());
        received.Enqueue(request);
        var answer = script.TryDequeue(out var next) ? next : Otherwise(request);
        if (answer is ReceiverAnswer.HeldUntil held)
        {
            await held.Released.WaitAsync(context.RequestAborted);
            answer = held.Then;
        }

        switch (answer)
        {
            case ReceiverAnswer.Hang:
                Interlocked.Increment(ref hanging);
                try
                {
                    using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
                    await Task.Delay(Timeout.InfiniteTimeSpan, either.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }
                finally
                {
                    Interlocked.Decrement(ref hanging);
                }

                return;
            case ReceiverAnswer.Status status:
                context.Response.StatusCode = status.Code;
                if (status.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return;
            case ReceiverAnswer.Json json:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(json.Body.ToJsonString(), context.RequestAborted);
                return;
        }
    }
}

/// <summary>One request as the receiver got it.</summary>
internal sealed record ReceivedRequest(string Path, string? ContentType, string Authorization, string Body, DateTimeOffset At)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("the body is JSON null");
}

/// <summary>How the receiver answers one request.</summary>
internal abstract record ReceiverAnswer
{
    public sealed record Status(int Code, int? RetryAfterSeconds = null) : ReceiverAnswer;

    public sealed record Json(JsonObject Body) : ReceiverAnswer;

    /// <summary>No answer: the request is held until the client gives up.</summary>
    public sealed record Hang : ReceiverAnswer;

    /// <summary>The request is held until <paramref name="Released"/> completes, then answered with <paramref name="Then"/>.</summary>
    public sealed record HeldUntil(Task Released, ReceiverAnswer Then) : ReceiverAnswer;
}

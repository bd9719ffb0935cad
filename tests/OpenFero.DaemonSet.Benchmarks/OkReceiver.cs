using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>
/// A bare Kestrel receiver on the loopback interface: every POST is read to its end and answered 200 with no body.
/// <see cref="Expect"/> gives a task that completes when the given number of requests have been answered.
/// </summary>
internal sealed class OkReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private int remaining;
    private TaskCompletionSource received = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OkReceiver(WebApplication app) => this.app = app;

    public Uri Url(string path) => new(new Uri(app.Urls.First()), path);

    public static async Task<OkReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OkReceiver(app);
        app.Run(receiver.AnswerAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Completes when <paramref name="requests"/> more requests have been answered.</summary>
    public Task Expect(int requests)
    {
        received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref remaining, requests);
        return received.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null);
        context.Response.StatusCode = StatusCodes.Status200OK;
        await context.Response.CompleteAsync();
        if (Interlocked.Decrement(ref remaining) == 0)
        {
            received.TrySetResult();
        }
    }
}

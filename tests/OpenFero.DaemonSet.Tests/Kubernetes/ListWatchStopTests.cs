using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Tests.Kubernetes;

/// <summary>
/// A list+watch loop runs until the host stops, and a stop is not a failure: whatever the client throws once
/// the stop is requested, the loop ends normally, so the host logs no "BackgroundService failed".
/// </summary>
public sealed class ListWatchStopTests
{
    [Fact]
    public async Task A_stop_while_watching_ends_the_loop_normally_even_when_the_client_reports_a_broken_stream()
    {
        using var stop = new CancellationTokenSource();
        var cache = new ListWatch<V1Job>("jobs", _ => Task.FromResult<(IList<V1Job>, string)>(([], "1")), BrokenOnStopAsync,
            TimeProvider.System, NullLogger.Instance);
        var run = cache.RunAsync(stop.Token);
        await Eventually.HoldsAsync(() => cache.Synced, "the first list");

        await stop.CancelAsync();
        var escaped = await Record.ExceptionAsync(() => run);

        Assert.Null(escaped);
    }

    [Fact]
    public async Task A_stop_during_the_wait_before_listing_again_ends_the_loop_normally()
    {
        using var stop = new CancellationTokenSource();
        var lists = 0;
        var cache = new ListWatch<V1Job>("jobs",
            _ =>
            {
                Interlocked.Increment(ref lists);
                throw new HttpRequestException("connection refused");
            },
            BrokenOnStopAsync, new FakeTimeProvider(), NullLogger.Instance);
        var run = cache.RunAsync(stop.Token);
        await Eventually.HoldsAsync(() => Volatile.Read(ref lists) > 0, "the first failed list");

        await stop.CancelAsync();
        var escaped = await Record.ExceptionAsync(() => run);

        Assert.Null(escaped);
    }

    /// <summary>A watch whose transport reports the stop as a torn stream, as an HTTP client may when its connection is closed.</summary>
    private static async IAsyncEnumerable<(WatchEventType, V1Job)> BrokenOnStopAsync(string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            // A watch with nothing to say: it waits for the stop and nothing else.
            await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw new IOException("The response ended prematurely.");
        }

        yield break;
    }
}

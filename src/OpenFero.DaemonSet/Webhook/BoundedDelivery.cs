using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Dispatch;
namespace OpenFero.DaemonSet.Webhook;

/// <summary>
/// Runs the alerts of one delivery a few at a time (the delivery's cap), each also holding one of the server's
/// remediation slots, until all are done or the answer is due. At the deadline no further alert starts and the
/// ones in flight are cancelled but not awaited: the answer goes out on time and they end in the background.
/// An alert without an outcome is not lost: the 503 makes Alertmanager deliver again, and the Job's
/// deterministic name makes a late create and the redelivery's create the same Job.
/// </summary>
public static class BoundedDelivery
{
    /// <summary>One outcome per alert, in order; null where the alert was not finished when the answer was due.</summary>
    public static async Task<AlertOutcome?[]> RunAsync(
        IReadOnlyList<AlertContext> alerts,
        Func<AlertContext, CancellationToken, Task<AlertOutcome>> remediate,
        SemaphoreSlim serverSlots,
        int perDelivery,
        TimeSpan answerDue,
        TimeProvider time,
        CancellationToken requestAborted)
    {
        var outcomes = new AlertOutcome?[alerts.Count];
        var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        var token = stop.Token;
        var next = -1;

        async Task WorkAsync()
        {
            int index;
            while (!token.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < alerts.Count)
            {
                try
                {
                    await serverSlots.WaitAsync(token);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }

                try
                {
                    Volatile.Write(ref outcomes[index], await remediate(alerts[index], token));
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
                finally
                {
                    serverSlots.Release();
                }
            }
        }

        var started = new Task[Math.Min(perDelivery, alerts.Count)];
        for (var i = 0; i < started.Length; i++)
        {
            started[i] = WorkAsync();
        }

        var workers = Task.WhenAll(started);

        // Alerts decided without waiting (no Operarius, an invalid target) finish synchronously: only a delivery
        // that waits on Kubernetes needs a timer.
        if (!workers.IsCompleted)
        {
            using var due = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
            await Task.WhenAny(workers, Task.Delay(answerDue > TimeSpan.Zero ? answerDue : TimeSpan.Zero, time, due.Token));
            due.Cancel();
        }

        if (workers.IsCompletedSuccessfully)
        {
            // Every worker is done: nobody writes into the outcomes any more.
            stop.Dispose();
            return outcomes;
        }

        stop.Cancel();

        _ = workers.ContinueWith(static (done, source) =>
        {
            ((CancellationTokenSource)source!).Dispose();
            return done.Exception;
        }, stop, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (workers.IsFaulted)
        {
            await workers;
        }

        // A copy: the workers cancelled but not awaited may still write into the original.
        var answered = new AlertOutcome?[outcomes.Length];
        for (var i = 0; i < answered.Length; i++)
        {
            answered[i] = Volatile.Read(ref outcomes[i]);
        }

        return answered;
    }
}

using System.Collections.Concurrent;
using k8s.Models;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// Runs Job pods in-process: the handler registered for the container image, on its own task. The kubelet
/// asks for the pod's status on each pass: Running while the handler runs, then Succeeded or Failed.
/// </summary>
public sealed class JobPodRunner(JobHandlerRegistry handlers, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan TrivialRun = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, Run> runs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();

    /// <summary>Logs of finished and running Job pods, by pod name (what <c>kubectl logs</c> would show).</summary>
    public ConcurrentDictionary<string, PodLog> Logs { get; } = new(StringComparer.Ordinal);

    public V1PodStatus? Advance(V1Pod pod, DateTime at)
    {
        var run = runs.GetOrAdd(pod.Metadata.Uid, _ => Start(pod));
        if (!run.Task.IsCompleted)
        {
            return pod.Status?.Phase == "Running" ? null : PodStatuses.Running(pod, at);
        }

        var exitCode = run.Task.IsCompletedSuccessfully ? run.Task.Result : 1;
        return PodStatuses.Terminated(pod, at, exitCode);
    }

    public void Stop(string podUid)
    {
        if (runs.TryRemove(podUid, out var run))
        {
            run.Cancellation.Cancel();
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    private Run Start(V1Pod pod)
    {
        var container = pod.Spec.Containers[0];
        var log = Logs.GetOrAdd(pod.Metadata.Name, _ => new PodLog(time));
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        var handler = handlers.Find(container.Image ?? "");
        var context = new JobPodContext(
            pod.Metadata.NamespaceProperty,
            pod.Metadata.Name,
            container.Image ?? "",
            (container.Env ?? []).Where(e => e.Value is not null).GroupBy(e => e.Name).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
            [.. container.Command ?? []],
            [.. container.Args ?? []],
            handlers.ApiServer,
            log);
        var task = handler is null
            ? Task.Delay(TrivialRun, time, cancellation.Token).ContinueWith(_ => 0, TaskScheduler.Default)
            : Task.Run(() => RunHandlerAsync(handler, context, cancellation.Token));
        _ = task.ContinueWith(_ => log.End(), TaskScheduler.Default);
        return new Run(task, cancellation);
    }

    private static async Task<int> RunHandlerAsync(JobPodHandler handler, JobPodContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await handler(context, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            await context.Log.WriteLineAsync($"container exited with an unhandled error: {error}");
            return 1;
        }
    }

    private sealed record Run(Task<int> Task, CancellationTokenSource Cancellation);
}

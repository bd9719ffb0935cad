using System.Collections.Concurrent;
using k8s.Models;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// Runs Job pods in-process: the handler registered for the container image, on its own task. The kubelet
/// asks for the pod's status on each pass: Running while the handler runs, then Succeeded or Failed with the
/// termination message the handler left. An image with no handler cannot be pulled: the pod stays Pending in
/// ErrImagePull, then ImagePullBackOff, as with a real kubelet (and the Job stays active).
/// </summary>
public sealed class JobPodRunner(JobHandlerRegistry handlers, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, Run> runs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();

    /// <summary>Logs of finished and running Job pods, by pod name (what <c>kubectl logs</c> shows).</summary>
    public ConcurrentDictionary<string, PodLog> Logs { get; } = new(StringComparer.Ordinal);

    public V1PodStatus? Advance(V1Pod pod, DateTime at)
    {
        var image = pod.Spec.Containers[0].Image ?? "";
        if (!runs.ContainsKey(pod.Metadata.Uid) && handlers.Find(image) is null)
        {
            return ImagePullFailure(pod, at, image);
        }

        var run = runs.GetOrAdd(pod.Metadata.Uid, _ => Start(pod));
        if (!run.Task.IsCompleted)
        {
            return pod.Status?.Phase == "Running" ? null : PodStatuses.Running(pod, at);
        }

        var exitCode = run.Task.IsCompletedSuccessfully ? run.Task.Result : 1;
        var startedAt = pod.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Running?.StartedAt;
        return PodStatuses.Terminated(pod, at, exitCode, TerminationMessage(pod, run, exitCode), startedAt);
    }

    public void Stop(string podUid)
    {
        if (runs.TryRemove(podUid, out var run))
        {
            run.Cancellation.Cancel();
            run.Message.Dispose();
        }
    }

    /// <summary>Stops the runs of pods that are gone without a graceful deletion (no kubelet saw them terminate).</summary>
    public void StopGone(IReadOnlySet<string> livePodUids)
    {
        foreach (var uid in runs.Keys.Where(uid => !livePodUids.Contains(uid)).ToList())
        {
            Stop(uid);
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
        foreach (var run in runs.Values)
        {
            run.Message.Dispose();
        }
    }

    private static V1PodStatus? ImagePullFailure(V1Pod pod, DateTime at, string image) =>
        pod.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason switch
        {
            "ImagePullBackOff" => null,
            "ErrImagePull" => PodStatuses.Waiting(pod, at, "ImagePullBackOff", $"Back-off pulling image \"{image}\""),
            _ => PodStatuses.Waiting(pod, at, "ErrImagePull",
                $"rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": not found"),
        };

    /// <summary>The file's content; with <c>FallbackToLogsOnError</c>, a failed container's last log lines when the file is empty.</summary>
    private string TerminationMessage(V1Pod pod, Run run, int exitCode)
    {
        var message = run.Message.Read();
        if (message.Length > 0 || exitCode == 0 || pod.Spec.Containers[0].TerminationMessagePolicy != "FallbackToLogsOnError"
            || !Logs.TryGetValue(pod.Metadata.Name, out var log))
        {
            return message;
        }

        var lines = log.ToString().TrimEnd('\n').Split('\n');
        var tail = string.Join('\n', lines.TakeLast(80));
        return tail.Length > 2048 ? tail[^2048..] : tail;
    }

    private Run Start(V1Pod pod)
    {
        var container = pod.Spec.Containers[0];
        var log = Logs.GetOrAdd(pod.Metadata.Name, _ => new PodLog(time));
        var message = new TerminationMessageFile();
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        var handler = handlers.Find(container.Image ?? "")!;
        var context = new JobPodContext(
            pod.Metadata.NamespaceProperty,
            pod.Metadata.Name,
            container.Image ?? "",
            (container.Env ?? []).Where(e => e.Value is not null).GroupBy(e => e.Name).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
            [.. container.Command ?? []],
            [.. container.Args ?? []],
            handlers.ApiServer,
            log)
        {
            TerminationMessagePath = message.Path,
        };
        var task = Task.Run(() => RunHandlerAsync(handler, context, cancellation.Token));
        _ = task.ContinueWith(_ => log.End(), TaskScheduler.Default);
        return new Run(task, cancellation, message);
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

    private sealed record Run(Task<int> Task, CancellationTokenSource Cancellation, TerminationMessageFile Message);
}

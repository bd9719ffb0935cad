using System.Threading.Channels;
using k8s.Models;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Rollouts;

/// <summary>
/// One watched DaemonSet: its rollout model (every change under one lock, in the order the watches deliver), the
/// watch of its pods, and the subscribers told of each change that matters (a step, the counts, the state).
/// </summary>
internal sealed class WatchedDaemonSet(DaemonSetRollout rollout, Action<RolloutView> phaseChanged)
{
    private readonly Lock gate = new();
    private readonly List<Channel<RolloutView>> subscribers = [];
    private string? podSelector;
    private CancellationTokenSource? podWatch;
    private (RolloutPhase, long?, int, int, int, int)? published;

    public RolloutView View(DateTimeOffset now, TimeSpan deadline)
    {
        lock (gate)
        {
            return RolloutView.Of(rollout, now, deadline);
        }
    }

    /// <summary>Applies a change to the model; subscribers hear of it when what they see changed.</summary>
    public void Update(Action<DaemonSetRollout> change, DateTimeOffset now, TimeSpan deadline)
    {
        RolloutView view;
        Channel<RolloutView>[] listeners;
        lock (gate)
        {
            change(rollout);
            var state = rollout.Evaluate(now, deadline).State;
            var signature = (state, rollout.Revision, rollout.Counts.Desired, rollout.Counts.Updated, rollout.Counts.Available, rollout.Steps.Count);
            if (published == signature)
            {
                return;
            }

            var phaseMoved = published?.Item1 != state;
            published = signature;
            if (subscribers.Count == 0 && !phaseMoved)
            {
                return;
            }

            view = RolloutView.Of(rollout, now, deadline);
            listeners = [.. subscribers];
            if (phaseMoved)
            {
                phaseChanged(view);
            }
        }

        foreach (var listener in listeners)
        {
            listener.Writer.TryWrite(view);
        }
    }

    public void Subscribe(Channel<RolloutView> listener)
    {
        lock (gate)
        {
            subscribers.Add(listener);
        }
    }

    public void Unsubscribe(Channel<RolloutView> listener)
    {
        lock (gate)
        {
            subscribers.Remove(listener);
        }
    }

    public bool WatchesPodsBy(string selector)
    {
        lock (gate)
        {
            return podSelector == selector;
        }
    }

    /// <summary>Starts watching the pods by this selector, ending the watch by an earlier one.</summary>
    public void WatchPods(string selector, ListWatch<V1Pod> pods, CancellationToken stopping)
    {
        CancellationTokenSource? previous;
        var current = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        lock (gate)
        {
            previous = podWatch;
            podWatch = current;
            podSelector = selector;
        }

        previous?.Cancel();
        previous?.Dispose();
        _ = Task.Run(() => pods.RunAsync(current.Token), CancellationToken.None);
    }

    /// <summary>The DaemonSet is gone or the server stops: the pod watch ends and subscribers hear no more.</summary>
    public void Stop()
    {
        CancellationTokenSource? watch;
        Channel<RolloutView>[] listeners;
        lock (gate)
        {
            watch = podWatch;
            podWatch = null;
            listeners = [.. subscribers];
            subscribers.Clear();
        }

        watch?.Cancel();
        foreach (var listener in listeners)
        {
            listener.Writer.TryComplete();
        }
    }
}

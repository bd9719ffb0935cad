using System.Threading.Channels;
using k8s.Models;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Rollouts;

/// <summary>
/// One watched DaemonSet: its rollout model (every change under one lock, in the order the watches deliver), the
/// watch of its pods, and the subscribers told of each change that matters (a step, the counts, the state).
/// </summary>
internal sealed class WatchedDaemonSet(DaemonSetRollout rollout, Func<IEnumerable<V1Node>> nodes, Action<RolloutView> phaseChanged, Action<RolloutTrigger, DaemonSetTarget> triggered)
{
    private readonly Lock gate = new();
    private readonly List<Channel<RolloutView>> subscribers = [];
    private string? podSelector;
    private CancellationTokenSource? podWatch;
    private readonly DaemonSetTarget target = new(rollout.Namespace, rollout.Name);
    private RolloutMoment? seen;

    public RolloutView View(DateTimeOffset now, TimeSpan deadline)
    {
        lock (gate)
        {
            return RolloutView.Of(rollout, now, deadline, nodes());
        }
    }

    /// <summary>The state against the deadline and whether the rollout was seen moving, without building a view.</summary>
    public (RolloutProgress Progress, bool Moved) Progress(DateTimeOffset now, TimeSpan deadline)
    {
        lock (gate)
        {
            return (rollout.Evaluate(now, deadline), rollout.MovedWhileWatched);
        }
    }

    /// <summary>
    /// Applies a change to the model; subscribers hear of it when what they see changed, and the triggers it makes
    /// (<see cref="RolloutTriggers.Between"/>) are raised. Handlers run under the lock, so they only take note.
    /// </summary>
    public void Update(Action<DaemonSetRollout> change, DateTimeOffset now, TimeSpan deadline)
    {
        RolloutView? view = null;
        Channel<RolloutView>[] listeners;
        lock (gate)
        {
            var before = seen;
            change(rollout);
            var state = rollout.Evaluate(now, deadline).State;
            seen = new RolloutMoment(state, rollout.Revision, rollout.Counts, rollout.Steps.Count, rollout.Misscheduled);
            if (before == seen)
            {
                return;
            }

            foreach (var trigger in RolloutTriggers.Between(before, seen))
            {
                triggered(trigger, target);
            }

            // The view (the timeline sorted) is built only for someone who reads it: a rollout of thousands of pods
            // changes at every pod event.
            listeners = [.. subscribers];
            if (before?.Phase != state || listeners.Length > 0)
            {
                view = RolloutView.Of(rollout, now, deadline, nodes());
            }

            if (before?.Phase != state)
            {
                phaseChanged(view!);
            }
        }

        if (view is null)
        {
            return;
        }

        foreach (var listener in listeners)
        {
            listener.Writer.TryWrite(view);
        }
    }

    /// <summary>The DaemonSet this entry watches.</summary>
    public DaemonSetTarget Target => target;

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

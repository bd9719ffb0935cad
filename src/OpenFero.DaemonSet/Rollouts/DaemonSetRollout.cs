using System.Globalization;
using k8s.Models;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Rollouts;

/// <summary>
/// What is known of one DaemonSet's current rollout, built from what its watches deliver (the DaemonSet and its pods),
/// never from a list: the revision (template generation), the counts and when they last moved, and the timeline of
/// its steps on each node. Times come from the objects where Kubernetes records them (creation, the Ready condition,
/// the deletion request) and from <c>now</c> otherwise, all to the whole second, as Kubernetes records them. Not thread-safe: its owner serialises the calls.
/// </summary>
public sealed class DaemonSetRollout(string ns, string name)
{
    private readonly Dictionary<string, TrackedPod> pods = new(StringComparer.Ordinal);
    private readonly List<RolloutStep> steps = [];
    private bool watchedInProgress;
    private V1DaemonSet? lastSeen;

    public string Namespace { get; } = ns;

    public string Name { get; } = name;

    /// <summary>The template generation the rollout brings (<c>deprecated.daemonset.template.generation</c>), or the DaemonSet's generation.</summary>
    public long? Revision { get; private set; }

    /// <summary>When the revision was first seen changing; null for a rollout that was under way before it was watched.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset LastProgressAt { get; private set; }

    public RolloutCounts Counts { get; private set; } = new(0, 0, 0);

    /// <summary>The DaemonSet's <c>status.numberMisscheduled</c>.</summary>
    public int Misscheduled { get; private set; }

    public string Strategy { get; private set; } = "RollingUpdate";

    /// <summary>Whether the controller has observed the DaemonSet's latest spec (observedGeneration ≥ generation).</summary>
    public bool SpecObserved { get; private set; }

    public bool IsComplete { get; private set; }

    /// <summary>Whether the counts or the revision changed while watched: progress seen, not assumed from the first sight.</summary>
    public bool MovedWhileWatched { get; private set; }

    public int MinReadySeconds { get; private set; }

    public IReadOnlyList<RolloutStep> Steps => steps;

    /// <summary>The DaemonSet's pods its watch has delivered and not seen removed.</summary>
    public int PodsWatched => pods.Count;

    /// <summary>Pods' steps are recorded for a rollout seen in progress, until the next one; not for a DaemonSet first seen complete.</summary>
    private bool Recording => Revision is not null && watchedInProgress;

    /// <summary>A new version of the DaemonSet: a new revision starts a rollout; changed counts are progress.</summary>
    public void ObserveDaemonSet(V1DaemonSet daemonSet, DateTimeOffset now)
    {
        now = WholeSecond(now);
        lastSeen = daemonSet;
        var revision = DaemonPods.TemplateGeneration(daemonSet) ?? daemonSet.Metadata.Generation ?? 0;
        var status = daemonSet.Status;
        var counts = new RolloutCounts(status?.DesiredNumberScheduled ?? 0, status?.UpdatedNumberScheduled ?? 0, status?.NumberAvailable ?? 0);
        Strategy = daemonSet.Spec?.UpdateStrategy?.Type ?? "RollingUpdate";
        Misscheduled = status?.NumberMisscheduled ?? 0;
        MinReadySeconds = daemonSet.Spec?.MinReadySeconds ?? 0;
        SpecObserved = (status?.ObservedGeneration ?? 0) >= (daemonSet.Metadata.Generation ?? 0);
        var complete = SpecObserved && counts.Updated >= counts.Desired && counts.Available >= counts.Desired;

        if (Revision is null)
        {
            Revision = revision;
            LastProgressAt = now;
            watchedInProgress = !complete;
        }
        else if (Revision != revision)
        {
            Revision = revision;
            StartedAt = now;
            CompletedAt = null;
            LastProgressAt = now;
            watchedInProgress = true;
            MovedWhileWatched = true;
            steps.Clear();
            steps.Add(new RolloutStep(now, RolloutStepKind.RolloutStarted, null, null));
            foreach (var pod in pods.Values)
            {
                pod.Updated = false;
                pod.ReadyAt = null;
                pod.CreationRecorded = false;
                pod.AvailableRecorded = false;
            }
        }
        else if (counts.Updated != Counts.Updated || counts.Available != Counts.Available || (complete && !IsComplete))
        {
            LastProgressAt = now;
            MovedWhileWatched = true;
        }

        Counts = counts;
        if (complete && !IsComplete && watchedInProgress)
        {
            CompletedAt = now;
            AddStep(new RolloutStep(now, RolloutStepKind.RolloutComplete, null, null));
        }

        IsComplete = complete;
    }

    /// <summary>A pod of the DaemonSet added or changed.</summary>
    public void ObservePod(V1Pod pod, DateTimeOffset now)
    {
        now = WholeSecond(now);
        var uid = pod.Metadata.Uid;
        var node = DaemonPods.TargetNodeName(pod);
        var updated = Revision is { } revision && pod.Metadata.Labels?.TryGetValue(DaemonPods.TemplateGenerationLabel, out var generation) == true &&
            generation == revision.ToString(CultureInfo.InvariantCulture);
        if (!pods.TryGetValue(uid, out var tracked))
        {
            tracked = new TrackedPod(pod.Metadata.Name);
            pods[uid] = tracked;
        }

        tracked.Updated = updated;
        tracked.Node = node ?? tracked.Node;
        if (updated && !tracked.CreationRecorded && Recording && Created(pod, now) is var created)
        {
            tracked.CreationRecorded = true;
            AddStep(new RolloutStep(created, RolloutStepKind.NewPodCreated, tracked.Node, tracked.Name));
        }

        if (!updated && DaemonPods.IsDeleting(pod) && !tracked.DeletionRecorded && Recording)
        {
            tracked.DeletionRecorded = true;
            AddStep(new RolloutStep(DeletionRequested(pod, now), RolloutStepKind.OldPodDeleted, tracked.Node, tracked.Name));
        }

        if (updated && tracked.ReadyAt is null && ReadyCondition(pod) is { } ready)
        {
            tracked.ReadyAt = ready.LastTransitionTime is { } since ? Utc(since) : now;
            if (Recording)
            {
                AddStep(new RolloutStep(tracked.ReadyAt.Value, RolloutStepKind.NewPodReady, tracked.Node, tracked.Name));
            }
        }

        RecordAvailable(now);
    }

    /// <summary>A pod of the DaemonSet is gone from the API.</summary>
    public void ObservePodRemoved(V1Pod pod, DateTimeOffset now)
    {
        now = WholeSecond(now);
        if (pods.Remove(pod.Metadata.Uid, out var tracked) && !tracked.Updated && !tracked.DeletionRecorded && Recording)
        {
            AddStep(new RolloutStep(now, RolloutStepKind.OldPodDeleted, tracked.Node ?? DaemonPods.TargetNodeName(pod), tracked.Name));
        }
    }

    /// <summary>
    /// The nodes whose turn has not come in a rollout under way: the DaemonSet should run there (the controller's own
    /// placement rules) and no pod of the new revision was created there yet. None when no rollout is under way.
    /// </summary>
    public IReadOnlyList<string> NodesWaiting(IEnumerable<V1Node> nodes)
    {
        if (!Recording || IsComplete || lastSeen is not { } daemonSet)
        {
            return [];
        }

        var reached = pods.Values.Where(p => p.Updated && p.Node is not null).Select(p => p.Node!).ToHashSet(StringComparer.Ordinal);
        return [.. nodes
            .Where(n => !reached.Contains(n.Metadata.Name) && DaemonPodPlacement.Evaluate(n, daemonSet).ShouldRun)
            .Select(n => n.Metadata.Name)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Time passing alone: a ready pod becomes available once minReadySeconds have passed.</summary>
    public void ObserveTime(DateTimeOffset now) => RecordAvailable(WholeSecond(now));

    /// <summary>The state against the progress deadline, at <paramref name="now"/>.</summary>
    public RolloutProgress Evaluate(DateTimeOffset now, TimeSpan deadline)
    {
        var (desired, updated, available) = Counts;
        if (IsComplete)
        {
            var took = StartedAt is { } started && CompletedAt is { } completed ? $" in {HumanDuration.Format(completed - started)}" : "";
            return new RolloutProgress(RolloutPhase.Complete, $"all {desired} pods updated and available{took}", LastProgressAt);
        }

        var quiet = now - LastProgressAt;
        var where = SpecObserved
            ? $"{updated} of {desired} updated, {available} available"
            : "the controller has not observed the latest spec";
        if (quiet >= deadline)
        {
            var onDelete = Strategy == "OnDelete" ? " (OnDelete: a pod is replaced only when it is deleted)" : "";
            return new RolloutProgress(
                RolloutPhase.Stalled,
                $"no pod updated or became available for {HumanDuration.Format(quiet)}, past the {HumanDuration.Format(deadline)} deadline: {where}{onDelete}",
                LastProgressAt);
        }

        return new RolloutProgress(RolloutPhase.Progressing, $"{where}; last change {HumanDuration.Format(quiet)} ago", LastProgressAt);
    }

    private void RecordAvailable(DateTimeOffset now)
    {
        foreach (var tracked in pods.Values)
        {
            if (tracked is { Updated: true, AvailableRecorded: false, ReadyAt: { } ready } && ready.AddSeconds(MinReadySeconds) <= now)
            {
                tracked.AvailableRecorded = true;
                if (Recording)
                {
                    AddStep(new RolloutStep(ready.AddSeconds(MinReadySeconds), RolloutStepKind.NewPodAvailable, tracked.Node, tracked.Name));
                }
            }
        }
    }

    /// <summary>
    /// Records a step. One dated before the rollout was seen starting (the controller acted before its watch event
    /// arrived) moves the start back to it: a rollout starts no later than its first step.
    /// </summary>
    private void AddStep(RolloutStep step)
    {
        steps.Add(step);
        if (StartedAt is { } started && step.At < started)
        {
            StartedAt = step.At;
            var index = steps.FindIndex(s => s.Kind == RolloutStepKind.RolloutStarted);
            if (index >= 0)
            {
                steps[index] = steps[index] with { At = step.At };
            }
        }
    }

    private static DateTimeOffset Created(V1Pod pod, DateTimeOffset now) =>
        pod.Metadata.CreationTimestamp is { } created ? Utc(created) : now;

    /// <summary>When the deletion was asked for: Kubernetes stores the deadline (request + grace period).</summary>
    private static DateTimeOffset DeletionRequested(V1Pod pod, DateTimeOffset now) =>
        pod.Metadata.DeletionTimestamp is { } deadline ? Utc(deadline).AddSeconds(-(pod.Metadata.DeletionGracePeriodSeconds ?? 0)) : now;

    private static V1PodCondition? ReadyCondition(V1Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready" && c.Status == "True");

    private static DateTimeOffset WholeSecond(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);

    private static DateTimeOffset Utc(DateTime time) => WholeSecond(new(DateTime.SpecifyKind(time, DateTimeKind.Utc)));

    private sealed class TrackedPod(string name)
    {
        public string Name { get; } = name;

        public string? Node { get; set; }

        public bool Updated { get; set; }

        public DateTimeOffset? ReadyAt { get; set; }

        public bool CreationRecorded { get; set; }

        public bool AvailableRecorded { get; set; }

        public bool DeletionRecorded { get; set; }
    }
}

/// <summary>The DaemonSet status counts a rollout is judged by.</summary>
public sealed record RolloutCounts(int Desired, int Updated, int Available);

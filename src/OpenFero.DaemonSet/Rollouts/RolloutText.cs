using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Rollouts;

/// <summary>A rollout for a terminal, as kubectl would lay it out: fields, then one aligned row per node, times relative to the start.</summary>
public static class RolloutText
{
    public static string Render(RolloutView view)
    {
        var lines = new List<string>
        {
            $"DaemonSet:   {view.Namespace}/{view.Name}",
            $"Revision:    {view.Revision?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} ({view.Strategy})",
            $"State:       {view.State}: {view.Reason}",
            $"Pods:        {view.Updated} of {view.Desired} updated, {view.Available} available",
            $"Started:     {Ago(view.StartedAt, view.ObservedAt)}",
        };
        if (view.Duration is { } duration)
        {
            lines.Add($"Duration:    {HumanDuration.Format(duration)}{(view.CompletedAt is null ? " so far" : "")}");
        }

        lines.Add($"Deadline:    {HumanDuration.Format(view.ProgressDeadline)} without progress");
        if (view.NodesWaiting.Count > 0)
        {
            var shown = string.Join(", ", view.NodesWaiting.Take(5));
            lines.Add($"Waiting:     {view.NodesWaiting.Count} node(s) not reached yet: {shown}{(view.NodesWaiting.Count > 5 ? ", …" : "")}");
        }

        if (view.LongestGap is { } gap)
        {
            lines.Add($"Longest wait: {HumanDuration.Format(gap.Length)} after {gap.After}");
        }

        lines.Add("");
        if (view.Nodes.Count == 0)
        {
            lines.Add("No node has changed in this rollout yet.");
        }
        else
        {
            var start = view.StartedAt ?? view.Steps.Select(s => (DateTimeOffset?)s.At).Min();
            lines.AddRange(TextTable.Lines(view.Nodes,
            [
                new TextColumn<RolloutNodeRow>("NODE", r => r.Node),
                new TextColumn<RolloutNodeRow>("OLD POD DELETED", r => RolloutTimeline.Since(start, r.OldPodDeleted)),
                new TextColumn<RolloutNodeRow>("NEW POD CREATED", r => RolloutTimeline.Since(start, r.NewPodCreated)),
                new TextColumn<RolloutNodeRow>("READY", r => RolloutTimeline.Since(start, r.NewPodReady)),
                new TextColumn<RolloutNodeRow>("AVAILABLE", r => RolloutTimeline.Since(start, r.NewPodAvailable)),
                new TextColumn<RolloutNodeRow>("WITHOUT A READY POD", r => r.WithoutReadyPod is { } w ? HumanDuration.Format(w) : "-"),
            ]));
        }

        return string.Join('\n', lines) + "\n";
    }

    private static string Ago(DateTimeOffset? at, DateTimeOffset now) =>
        at is { } t ? $"{HumanDuration.Format(now - t)} ago" : "before this server watched it";
}

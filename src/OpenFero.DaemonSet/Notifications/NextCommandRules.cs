using System.Text.RegularExpressions;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// The kubectl commands a person would run next, from the outcome and the verdict: follow a running Job, watch a
/// rollout that went out, undo a new revision that is broken, look at a node the verdict names, read a Job that erred.
/// </summary>
public static partial class NextCommandRules
{
    public static IReadOnlyList<string> For(RemediationNotice notice)
    {
        var job = $"-n {notice.JobNamespace}";
        if (notice.Target is not { } target)
        {
            return notice.Event == NoticeEvent.Ended ? [$"kubectl describe job {notice.Job} {job}"] : [$"kubectl logs -f job/{notice.Job} {job}"];
        }

        var daemonSet = $"daemonset/{target.Name} -n {target.Namespace}";
        var commands = new List<string>();
        if (notice.Event != NoticeEvent.Ended)
        {
            commands.Add($"kubectl logs -f job/{notice.Job} {job}");
        }

        commands.AddRange(notice.Outcome switch
        {
            "rolledOut" => [$"kubectl rollout status {daemonSet}"],
            "notRolledOut" => [$"kubectl rollout undo {daemonSet}", $"kubectl rollout status {daemonSet}"],
            "error" or "unknown" => [$"kubectl logs job/{notice.Job} {job}", $"kubectl describe job {notice.Job} {job}"],
            null => [],
            _ => [$"kubectl describe {daemonSet}"],
        });

        if (notice.Verdict is { } verdict)
        {
            if (verdict.StartsWith("new revision ", StringComparison.Ordinal) && notice.Outcome is not "rolledOut")
            {
                commands.Add($"kubectl rollout undo {daemonSet}");
            }

            commands.AddRange(NodesIn(verdict).Select(node => $"kubectl describe node {node}"));
        }

        return [.. commands.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The nodes a verdict names: "node-a is NotReady", "pod on node-a Pending", "pod on node-a misscheduled".</summary>
    private static IEnumerable<string> NodesIn(string verdict) =>
        NodeMentions().Matches(verdict).Select(m => m.Groups["node"].Value).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Take(3);

    [GeneratedRegex(@"(?:^(?<node>[a-z0-9][a-z0-9.-]*) is NotReady)|(?:pod on (?<node>[a-z0-9][a-z0-9.-]*) (?:Pending|misscheduled))")]
    private static partial Regex NodeMentions();
}

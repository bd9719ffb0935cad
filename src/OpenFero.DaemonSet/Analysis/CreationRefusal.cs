using System.Text.RegularExpressions;
using k8s.Models;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// Why the API server refuses the DaemonSet controller's pod creates, from the DaemonSet's newest <c>FailedCreate</c>
/// Event (<c>Error creating: &lt;the API server's message&gt;</c>): <c>reason</c> in a few words, <c>message</c> as the API
/// server wrote it, how many times the controller was refused (<c>events</c>, the Events' counts), and what to do.
/// </summary>
public sealed record CreationRefusal(string Reason, string Message, int Events, DateTimeOffset LastSeen, string Recommendation)
{
    /// <summary>The quota a ResourceQuota refusal names; null for other refusals.</summary>
    public string? Quota { get; init; }
}

/// <summary>
/// Reads <see cref="CreationRefusal"/> from FailedCreate Events, pure: a ResourceQuota used up
/// (<c>exceeded quota: QUOTA, requested: …, used: …, limited: …</c>, the quota admission's words), an admission
/// webhook's denial (<c>admission webhook "NAME" denied the request: …</c>), or any other refusal, quoted.
/// </summary>
public static partial class CreationRefusals
{
    public const string FailedCreate = "FailedCreate";

    /// <summary>
    /// How old the newest Event may be and still tell why pods are missing now: the controller retries a failing
    /// create at least every 1000 s (its back-off's cap), so a refusal that still holds has a newer Event than this.
    /// </summary>
    public static readonly TimeSpan Recent = TimeSpan.FromMinutes(20);

    private const string ErrorCreating = "Error creating: ";
    private const string Combined = "(combined from similar events): ";

    public static CreationRefusal? Of(IEnumerable<Corev1Event> events, V1DaemonSet daemonSet, DateTimeOffset now)
    {
        var failed = events.Where(e => e.Reason == FailedCreate && e.Message is not null)
            .Select(e => (Event: e, LastSeen: LastSeen(e))).Where(e => e.LastSeen is { } seen && now - seen <= Recent).ToList();
        if (failed.Count == 0)
        {
            return null;
        }

        var newest = failed.OrderByDescending(e => e.LastSeen).First();
        var message = Message(newest.Event.Message);
        var count = failed.Where(e => Message(e.Event.Message) == message).Sum(e => Math.Max(1, e.Event.Count ?? e.Event.Series?.Count ?? 1));
        var ns = daemonSet.Metadata.NamespaceProperty;
        if (QuotaExceeded().Match(message) is { Success: true } quota)
        {
            var name = quota.Groups["quota"].Value;
            var reason = $"exceeded quota: {name} ({Usage(quota.Groups["used"].Value, quota.Groups["limited"].Value)})";
            var refusal = new CreationRefusal(reason, message, count, newest.LastSeen!.Value, QuotaFix(name, ns, daemonSet.Spec?.Template?.Spec?.PriorityClassName));
            return refusal with { Quota = name };
        }

        if (WebhookDenied().Match(message) is { Success: true } webhook)
        {
            return new CreationRefusal(message[webhook.Index..], message, count, newest.LastSeen!.Value,
                $"the admission webhook {webhook.Groups["webhook"].Value} denies the daemon pod: change its policy (or exempt namespace {ns}) or the pod template; the controller's next retry then creates the pod");
        }

        var forbidden = message.IndexOf(" is forbidden: ", StringComparison.Ordinal);
        return new CreationRefusal(forbidden > 0 ? message[(forbidden + " is forbidden: ".Length)..] : message, message, count, newest.LastSeen!.Value,
            "the API server refuses the daemon pod: fix what its message names (an admission policy, a LimitRange, the pod template); the controller's next retry then creates the pod");
    }

    private static string QuotaFix(string quota, string ns, string? priorityClass) =>
        $"raise the ResourceQuota {quota} in {ns} (kubectl describe quota {quota} -n {ns}), or exempt the DaemonSet's priority class "
        + (string.IsNullOrEmpty(priorityClass)
            ? "(give it one, e.g. system-node-critical) from it with a scopeSelector"
            : $"{priorityClass} from it with a scopeSelector (scopeName PriorityClass, operator NotIn, values [{priorityClass}])")
        + "; a restart cannot help";

    /// <summary><c>pods=3/3</c>: each limited resource's use against its limit, as the message gives them.</summary>
    private static string Usage(string used, string limited)
    {
        var usedBy = Pairs(used).ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        return string.Join(", ", Pairs(limited).Select(p => $"{p.Name}={usedBy.GetValueOrDefault(p.Name, "?")}/{p.Value}"));
    }

    private static IEnumerable<(string Name, string Value)> Pairs(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2)).Where(p => p.Length == 2).Select(p => (p[0], p[1]));

    private static string Message(string? eventMessage)
    {
        var message = eventMessage ?? "";
        message = message.StartsWith(Combined, StringComparison.Ordinal) ? message[Combined.Length..] : message;
        return message.StartsWith(ErrorCreating, StringComparison.Ordinal) ? message[ErrorCreating.Length..] : message;
    }

    private static DateTimeOffset? LastSeen(Corev1Event e) =>
        (e.Series?.LastObservedTime ?? e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp) is { } at
            ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))
            : null;

    [GeneratedRegex(@"exceeded quota: (?<quota>[^,]+), requested: (?<requested>.+?), used: (?<used>.+?), limited: (?<limited>.+)$")]
    private static partial Regex QuotaExceeded();

    [GeneratedRegex(@"admission webhook (?<webhook>""[^""]+"") denied the request")]
    private static partial Regex WebhookDenied();
}

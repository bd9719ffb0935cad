namespace OpenFero.DaemonSet.Notifications;

/// <summary>The kinds of destination a remediation can be told to.</summary>
public enum DestinationType
{
    /// <summary>Block Kit: an incoming webhook (start and end), or the Web API with a bot token (one message, updated).</summary>
    Slack,

    /// <summary>A Teams workflow webhook, given an Adaptive Card (start and end).</summary>
    Teams,

    /// <summary>A CloudEvents 1.0 structured JSON event per transition, to any HTTP receiver.</summary>
    CloudEvents,
}

/// <summary>
/// One destination (<c>Notifications:Destinations:N</c>) and its route: which remediations it hears of. An empty
/// list in the route lets everything through.
/// </summary>
public sealed class DestinationOptions
{
    public DestinationType? Type { get; set; }

    /// <summary>The webhook's URL; its path and query are secret (Slack, Teams) and never logged.</summary>
    public string? Url { get; set; }

    /// <summary>A file holding the URL, such as a mounted Secret; read at each send, so a rotation needs no restart.</summary>
    public string? UrlFile { get; set; }

    /// <summary>
    /// A Slack bot token (<c>xoxb-…</c>): with it, one message per remediation is posted with <c>chat.postMessage</c>
    /// to <see cref="Channel"/> and updated with <c>chat.update</c>; <see cref="Url"/> is then the Web API's base
    /// (default <c>https://slack.com/api</c>).
    /// </summary>
    public string? Token { get; set; }

    /// <summary>The Slack channel a bot token posts to.</summary>
    public string? Channel { get; set; }

    public List<string> AlertNames { get; set; } = [];

    /// <summary>The DaemonSets' namespaces.</summary>
    public List<string> Namespaces { get; set; } = [];

    /// <summary>The lowest alert <c>severity</c> label heard of: none &lt; info &lt; warning &lt; critical.</summary>
    public string? MinSeverity { get; set; }

    /// <summary>When set, only the ends with these outcomes are told (<c>notRolledOut</c>, <c>error</c>, …), and no starts.</summary>
    public List<string> Outcomes { get; set; } = [];
}

namespace OpenFero.DaemonSet.Alertmanager;

/// <summary>An alert Alertmanager holds as active, neither silenced nor inhibited: its labels and since when it fires.</summary>
public sealed record FiringAlert(IReadOnlyDictionary<string, string> Labels, DateTimeOffset StartsAt)
{
    public string Name => Labels.TryGetValue("alertname", out var name) ? name : "";
}

/// <summary>One matcher of a silence: <c>isEqual</c> true and <c>isRegex</c> false is an exact label match.</summary>
public sealed record SilenceMatcher(string Name, string Value, bool IsRegex = false, bool IsEqual = true);

/// <summary>A silence to create (<c>POST /api/v2/silences</c>).</summary>
public sealed record NewSilence(IReadOnlyList<SilenceMatcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy, string Comment);

/// <summary>A silence Alertmanager holds: <c>state</c> is active, pending or expired.</summary>
public sealed record Silence(string Id, string State, IReadOnlyList<SilenceMatcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy, string Comment);

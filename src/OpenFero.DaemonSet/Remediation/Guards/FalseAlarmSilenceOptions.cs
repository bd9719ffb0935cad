using System.ComponentModel.DataAnnotations;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// Silencing known false alarms (<c>Remediation:…</c>): off by default. When on and <c>Alertmanager:Url</c> is set, a
/// run that finds a known false alarm and nothing else wrong silences the alert for that DaemonSet, with the evidence.
/// </summary>
public sealed class FalseAlarmSilenceOptions
{
    public const string Section = "Remediation";

    /// <summary>The silences' <c>createdBy</c>: how a person, and the next run, tells them apart.</summary>
    public const string CreatedBy = "openfero-daemonset";

    /// <summary>The alert the Job answers when its environment does not name one (<c>OPENFERO_ALERTNAME</c>).</summary>
    public const string DefaultAlertName = "KubeDaemonSetRolloutStuck";

    public bool SilenceFalseAlarms { get; set; }

    /// <summary>How long a silence lasts: until the cause is expected to be gone (the autoscaler removes a scaled-down node within minutes).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan SilenceDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The alert to silence: the Job's <c>OPENFERO_ALERTNAME</c>, set at registration.</summary>
    public string AlertName { get; set; } = DefaultAlertName;
}

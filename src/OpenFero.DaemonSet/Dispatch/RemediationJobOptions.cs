using System.ComponentModel.DataAnnotations;

namespace OpenFero.DaemonSet.Dispatch;

public sealed class RemediationJobOptions
{
    public const string Section = "Remediation";

    /// <summary>Where Operarii are read and their Jobs, Leases and history live.</summary>
    [Required]
    [RegularExpression("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    public string OperariusNamespace { get; set; } = "openfero";

    /// <summary>How long after a remediation of a DaemonSet started another one may start (an Operarius' deduplication.ttl overrides it).</summary>
    [Range(0, 86400)]
    public int CooldownSeconds { get; set; } = 300;

    /// <summary>
    /// At most this many remediation Jobs run at once, across all DaemonSets and all replicas (one slot Lease each).
    /// An alert beyond it is answered 503 <c>concurrencyLimited</c>, so Alertmanager delivers it again.
    /// </summary>
    [Range(1, 100)]
    public int MaxConcurrent { get; set; } = 1;

    /// <summary>
    /// The longest cooldown: after each remediation of a DaemonSet that acted and did not roll out, the next one's
    /// cooldown doubles (base × 2^n, n such remediations in a row) up to this; a remediation that rolled out resets it.
    /// Never below the base cooldown.
    /// </summary>
    [Range(0, 7 * 86400)]
    public int MaxCooldownSeconds { get; set; } = 6 * 3600;

    /// <summary>
    /// How long a DaemonSet's Lease remembers a remediated alert instance once its Job is gone, so a re-send finds
    /// it deduplicated. Longer than Alertmanager's default repeat_interval (4 h): an alert still firing a day after
    /// its remediation started is remediated again. A Lease that remembers nothing is deleted.
    /// </summary>
    [Range(0, 30 * 86400)]
    public int RecordRetentionSeconds { get; set; } = 86400;

    /// <summary>
    /// How long a take of a DaemonSet's Lease whose Job does not exist still blocks other alerts: the Job may be
    /// being created. Longer than a create can take (the webhook's answer timeout, the Kubernetes total timeout).
    /// </summary>
    [Range(1, 3600)]
    public int StartGraceSeconds { get; set; } = 120;

    /// <summary>How often the server looks for DaemonSet Leases that remember nothing any more, to delete them.</summary>
    [Range(1, 86400)]
    public int LeaseCollectionIntervalSeconds { get; set; } = 300;
}

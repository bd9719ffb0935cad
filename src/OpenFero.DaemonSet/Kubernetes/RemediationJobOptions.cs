using System.ComponentModel.DataAnnotations;

namespace OpenFero.DaemonSet.Kubernetes;

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
}

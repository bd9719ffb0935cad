using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>The labels and annotations that mark a remediation Job, and the names derived from an alert instance.</summary>
public static partial class JobLabels
{
    public const string Operarius = "openfero.io/operarius";
    public const string Alert = "openfero.io/alert";
    public const string ManagedBy = "openfero.io/managed-by";
    public const string ManagedByValue = "openfero";
    public const string Status = "openfero.io/status";
    public const string Fingerprint = "openfero.io/fingerprint";
    public const string DaemonSetNamespace = "openfero.io/daemonset-namespace";
    public const string DaemonSet = "openfero.io/daemonset";
    public const string StartsAtAnnotation = "openfero.io/alert-starts-at";
    public const string VerdictAnnotation = "openfero.io/verdict";
    public const string RemediatedAnnotation = "openfero.io/remediated";
    public const string ManagedSelector = ManagedBy + "=" + ManagedByValue;

    /// <summary>
    /// One alert instance (fingerprint + startsAt) for one Operarius always gets the same Job name, so a second
    /// create anywhere in the cluster collides (409) instead of starting a second remediation.
    /// </summary>
    public static string JobName(string operarius, string fingerprint, DateTimeOffset startsAt)
    {
        var hash = Hash($"{operarius}|{fingerprint}|{startsAt.UtcTicks}", 10);
        var prefix = operarius.Length > 52 ? operarius[..52].TrimEnd('-') : operarius;
        return $"{prefix}-{hash}";
    }

    /// <summary>The Lease that holds a DaemonSet's remediation state across replicas.</summary>
    public static string LeaseName(string ns, string daemonSet) => $"openfero-ds-{Hash($"{ns}/{daemonSet}", 16)}";

    /// <summary>A label value Kubernetes accepts: at most 63 characters of [A-Za-z0-9-_.], alphanumeric at both ends.</summary>
    public static string LabelValue(string value)
    {
        var cleaned = InvalidLabelCharacters().Replace(value, "_");
        cleaned = cleaned.Length > 63 ? cleaned[..63] : cleaned;
        return cleaned.Trim('-', '_', '.');
    }

    private static string Hash(string text, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex InvalidLabelCharacters();
}

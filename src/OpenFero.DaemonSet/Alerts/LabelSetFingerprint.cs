using System.Globalization;
using System.Text;

namespace OpenFero.DaemonSet.Alerts;

/// <summary>
/// An alert's fingerprint as Alertmanager computes it (Prometheus' label-set fingerprint): FNV-1a 64 over the label
/// names and values sorted by name, each followed by the byte 0xff, written as 16 hex digits. The same labels give
/// the same fingerprint whoever sends the alert.
/// </summary>
public static class LabelSetFingerprint
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;
    private const byte Separator = 0xff;

    public static string Of(IReadOnlyDictionary<string, string> labels)
    {
        var hash = OffsetBasis;
        foreach (var (name, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            hash = Add(hash, name);
            hash = Add(hash, value);
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    private static ulong Add(ulong hash, string text)
    {
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * Prime;
        }

        return (hash ^ Separator) * Prime;
    }
}

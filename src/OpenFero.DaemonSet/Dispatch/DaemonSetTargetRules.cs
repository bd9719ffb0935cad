using System.Text.RegularExpressions;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>What is wrong with one target label: its name, its value, and the rule it breaks.</summary>
public sealed record TargetProblem(string Label, string Value, string Rule)
{
    public override string ToString() => $"label {Label}=\"{Value}\" is not {Rule}";
}

/// <summary>
/// Kubernetes' own name rules for a target, checked before any call is made with it: the namespace must be a
/// DNS-1123 label, the DaemonSet name a DNS-1123 subdomain. Anything else would become a request to another
/// path (<c>namespace="."</c> reads <c>/api/v1/namespaces/events</c>) or one the API server rejects.
/// </summary>
public static partial class DaemonSetTargetRules
{
    public const int MaxLabelLength = 63;
    public const int MaxSubdomainLength = 253;

    public static TargetProblem? Check(DaemonSetTarget target) =>
        !IsDnsLabel(target.Namespace)
            ? new TargetProblem("namespace", target.Namespace, "a namespace: at most 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit")
            : !IsDnsSubdomain(target.Name)
                ? new TargetProblem("daemonset", target.Name, "a DaemonSet name: at most 253 characters of a-z, 0-9, '-' and '.', each dot-separated part starting and ending with a letter or digit")
                : null;

    public static bool IsDnsLabel(string value) => value.Length <= MaxLabelLength && DnsLabel().IsMatch(value);

    public static bool IsDnsSubdomain(string value) => value.Length <= MaxSubdomainLength && DnsSubdomain().IsMatch(value);

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();
}

using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>The DaemonSet a Job is for: <c>OPENFERO_NAMESPACE</c> and <c>OPENFERO_DAEMONSET</c>, from the alert's labels.</summary>
public static class TargetVariables
{
    public const string Namespace = "OPENFERO_NAMESPACE";
    public const string DaemonSet = "OPENFERO_DAEMONSET";

    /// <summary>The target, or null and what is missing.</summary>
    public static DaemonSetTarget? Read(IConfiguration environment, out string? missing)
    {
        var ns = environment[Namespace];
        var name = environment[DaemonSet];
        var absent = new[] { (Namespace, ns), (DaemonSet, name) }.Where(v => string.IsNullOrEmpty(v.Item2)).Select(v => v.Item1).ToList();
        missing = absent.Count > 0 ? $"missing {string.Join(" and ", absent)}: the remediation needs the alert's namespace and daemonset labels" : null;
        return missing is null ? new DaemonSetTarget(ns!, name!) : null;
    }
}

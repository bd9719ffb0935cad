using System.Globalization;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>What the Job's environment says: the target from OPENFERO_NAMESPACE and OPENFERO_DAEMONSET, the guards.</summary>
public sealed record RemediationContext(DaemonSetTarget Target, RemediationPolicy Policy)
{
    public static RemediationContext? FromEnvironment(IReadOnlyDictionary<string, string> environment, out string? error)
    {
        var ns = environment.GetValueOrDefault("OPENFERO_NAMESPACE");
        var name = environment.GetValueOrDefault("OPENFERO_DAEMONSET");
        var missing = new[] { ("OPENFERO_NAMESPACE", ns), ("OPENFERO_DAEMONSET", name) }.Where(v => string.IsNullOrEmpty(v.Item2)).Select(v => v.Item1).ToList();
        if (missing.Count > 0)
        {
            error = $"missing {string.Join(" and ", missing)}: the remediation needs the alert's namespace and daemonset labels";
            return null;
        }

        var policy = new RemediationPolicy
        {
            DryRun = Flag(environment, "Runner__DryRun"),
            AllowUndo = Flag(environment, "Runner__AllowUndo"),
            AllowOnDelete = Flag(environment, "Runner__AllowOnDelete"),
            AllowNamespaces = List(environment, "Runner__AllowNamespaces"),
            DenyNamespaces = List(environment, "Runner__DenyNamespaces"),
        };
        if (environment.TryGetValue("Runner__TerminationMessagePath", out var path) && path.Length > 0)
        {
            policy.TerminationMessagePath = path;
        }

        error = TimeSpanSetting(environment, "Runner__RolloutTimeout", t => policy.RolloutTimeout = t)
            ?? TimeSpanSetting(environment, "Runner__BatchTimeout", t => policy.BatchTimeout = t);
        return error is null ? new RemediationContext(new DaemonSetTarget(ns!, name!), policy) : null;
    }
    private static string? TimeSpanSetting(IReadOnlyDictionary<string, string> environment, string key, Action<TimeSpan> set)
    {
        if (!environment.TryGetValue(key, out var text))
        {
            return null;
        }

        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed) || parsed <= TimeSpan.Zero)
        {
            return $"{key}: \"{text}\" is not a positive time span (e.g. 00:05:00)";
        }

        set(parsed);
        return null;
    }

    private static bool Flag(IReadOnlyDictionary<string, string> environment, string key) =>
        environment.TryGetValue(key, out var value) && value.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static List<string> List(IReadOnlyDictionary<string, string> environment, string key) =>
        environment.TryGetValue(key, out var value) ? [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : [];
}

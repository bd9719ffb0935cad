using k8s.Models;
using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.Approval;

/// <summary>
/// The runner's guards as a Job's container will see them, so the plan the server shows for approval is the plan
/// the runner makes: the server's own <c>Runner:…</c> settings (the same ConfigMap both read), overridden by the
/// literal <c>Runner__…</c> values in the Job's first container. Pure.
/// </summary>
public static class JobRunnerPolicy
{
    public static RemediationPolicy Of(RemediationPolicy server, V1Job job)
    {
        var policy = new RemediationPolicy
        {
            DryRun = server.DryRun,
            AnalyzeOnly = server.AnalyzeOnly,
            DeleteMisscheduledPods = server.DeleteMisscheduledPods,
            AllowNamespaces = [.. server.AllowNamespaces],
            DenyNamespaces = [.. server.DenyNamespaces],
            AllowUndo = server.AllowUndo,
            AllowOnDelete = server.AllowOnDelete,
            RolloutTimeout = server.RolloutTimeout,
            BatchTimeout = server.BatchTimeout,
            TerminationMessagePath = server.TerminationMessagePath,
        };
        var env = (job.Spec?.Template?.Spec?.Containers?.FirstOrDefault()?.Env ?? [])
            .Where(e => e.Value is not null && e.Name.StartsWith(RemediationPolicy.Section + "__", StringComparison.Ordinal))
            .ToDictionary(e => e.Name[(RemediationPolicy.Section.Length + 2)..], e => e.Value, StringComparer.OrdinalIgnoreCase);
        policy.DryRun = Flag(env, nameof(RemediationPolicy.DryRun)) ?? policy.DryRun;
        policy.AnalyzeOnly = Flag(env, nameof(RemediationPolicy.AnalyzeOnly)) ?? policy.AnalyzeOnly;
        policy.DeleteMisscheduledPods = Flag(env, nameof(RemediationPolicy.DeleteMisscheduledPods)) ?? policy.DeleteMisscheduledPods;
        policy.AllowUndo = Flag(env, nameof(RemediationPolicy.AllowUndo)) ?? policy.AllowUndo;
        policy.AllowOnDelete = Flag(env, nameof(RemediationPolicy.AllowOnDelete)) ?? policy.AllowOnDelete;
        policy.RolloutTimeout = Duration(env, nameof(RemediationPolicy.RolloutTimeout)) ?? policy.RolloutTimeout;
        policy.BatchTimeout = Duration(env, nameof(RemediationPolicy.BatchTimeout)) ?? policy.BatchTimeout;
        return policy;
    }

    private static bool? Flag(Dictionary<string, string> env, string key) =>
        env.TryGetValue(key, out var value) && bool.TryParse(value, out var flag) ? flag : null;

    private static TimeSpan? Duration(Dictionary<string, string> env, string key) =>
        env.TryGetValue(key, out var value) && TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var duration) ? duration : null;
}

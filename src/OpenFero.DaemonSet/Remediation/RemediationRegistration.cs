using OpenFero.DaemonSet.Configuration;
using OpenFero.DaemonSet.Events;

namespace OpenFero.DaemonSet.Remediation;

public static class RemediationRegistration
{
    /// <summary>The runner and its steps over the shared Kubernetes client; its guards from <c>Runner:…</c>, checked at start.</summary>
    public static IHostApplicationBuilder AddRemediationRunner(this IHostApplicationBuilder builder)
    {
        builder.AddRunnerPolicy();
        builder.Services.AddSingleton<DaemonSetEvents>();
        builder.Services.AddSingleton<DaemonSetChanges>();
        builder.Services.AddSingleton<ReplacementWaiter>();
        builder.Services.AddSingleton<PodDeletions>();
        builder.Services.AddSingleton<RolloutWaiter>();
        builder.Services.AddSingleton<StepProgressWatcher>();
        builder.Services.AddSingleton<RemediationRunner>();
        builder.AddRemediationGuards();
        return builder;
    }

    /// <summary>The runner's guards from <c>Runner:…</c>; the namespace lists also as one comma-separated value.</summary>
    public static IHostApplicationBuilder AddRunnerPolicy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedSection<RemediationPolicy>(RemediationPolicy.Section, options => options.Configure<IConfiguration>((policy, configuration) =>
        {
            // Runner__AllowNamespaces=monitoring,logging is one value (a ConfigMap's entry): the binder fills a list
            // only from indexed keys, so the comma list is split here.
            var section = configuration.GetSection(RemediationPolicy.Section);
            policy.AllowNamespaces = CommaList(section[nameof(RemediationPolicy.AllowNamespaces)]) ?? policy.AllowNamespaces;
            policy.DenyNamespaces = CommaList(section[nameof(RemediationPolicy.DenyNamespaces)]) ?? policy.DenyNamespaces;
        }));
        return builder;
    }

    private static List<string>? CommaList(string? value) =>
        value is null ? null : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

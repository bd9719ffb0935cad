using OpenFero.DaemonSet.Alertmanager;
using OpenFero.DaemonSet.Configuration;

namespace OpenFero.DaemonSet.Remediation;

public static class GuardsRegistration
{
    /// <summary>The runner's guards over Alertmanager: its client and the guards' settings (<c>Alertmanager:…</c>, <c>Remediation:…</c>).</summary>
    public static IHostApplicationBuilder AddRemediationGuards(this IHostApplicationBuilder builder)
    {
        builder.AddGuardOptions();
        builder.AddAlertmanager();
        builder.Services.AddSingleton<RemediationGuards>();
        return builder;
    }

    /// <summary>The server's hold before it creates a Job (<see cref="AlertHold"/>), over the same Alertmanager client.</summary>
    public static IHostApplicationBuilder AddAlertHold(this IHostApplicationBuilder builder)
    {
        builder.AddGuardOptions();
        builder.AddAlertmanager();
        builder.Services.AddSingleton<AlertHold>();
        return builder;
    }

    /// <summary>
    /// The guards' settings, checked at start; the alert a silence is for is the Job's <c>OPENFERO_ALERTNAME</c>
    /// (every alert label is in the Job's environment).
    /// </summary>
    public static IHostApplicationBuilder AddGuardOptions(this IHostApplicationBuilder builder)
    {
        builder.AddAlertmanagerOptions();
        builder.Services.AddValidatedSection<FalseAlarmSilenceOptions>(FalseAlarmSilenceOptions.Section, options => options.Configure<IConfiguration>((silence, configuration) =>
            silence.AlertName = configuration["OPENFERO_ALERTNAME"] is { Length: > 0 } alertName ? alertName : silence.AlertName));
        return builder;
    }
}

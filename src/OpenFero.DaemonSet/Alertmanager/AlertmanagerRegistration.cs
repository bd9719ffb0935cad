using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Configuration;

namespace OpenFero.DaemonSet.Alertmanager;

public static class AlertmanagerRegistration
{
    /// <summary>
    /// <c>Alertmanager:…</c>, checked at start, and the typed client of its v2 API with its resilience pipeline. The
    /// hold list also as one comma-separated value (<c>Alertmanager__HoldAlerts=KubeNodeNotReady,KubeletDown</c>).
    /// </summary>
    public static IHostApplicationBuilder AddAlertmanager(this IHostApplicationBuilder builder)
    {
        builder.AddAlertmanagerOptions();
        builder.Services.AddHttpClient<AlertmanagerClient>((provider, http) =>
            {
                http.BaseAddress = provider.GetRequiredService<IOptions<AlertmanagerOptions>>().Value.BaseAddress;
                // The pipeline times each attempt; HttpClient's own timeout must not cut the retries short.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler(provider => new ResilientAlertmanagerHandler(
                AlertmanagerResiliencePipeline.Build(provider.GetRequiredService<IOptions<AlertmanagerOptions>>().Value, provider.GetRequiredService<TimeProvider>())));
        return builder;
    }

    /// <summary><c>Alertmanager:…</c>, checked at start.</summary>
    public static IHostApplicationBuilder AddAlertmanagerOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedSection<AlertmanagerOptions>(AlertmanagerOptions.Section, options => options.Configure<IConfiguration>((alertmanager, configuration) =>
        {
            // The binder appends indexed keys to the defaults; a list that is set replaces them.
            var holdAlerts = configuration.GetSection($"{AlertmanagerOptions.Section}:{nameof(AlertmanagerOptions.HoldAlerts)}");
            if (holdAlerts.Value is { } commaList)
            {
                alertmanager.HoldAlerts = [.. commaList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            }
            else if (holdAlerts.GetChildren().Select(c => c.Value).OfType<string>().ToList() is { Count: > 0 } listed)
            {
                alertmanager.HoldAlerts = listed;
            }
        }));
        return builder;
    }
}

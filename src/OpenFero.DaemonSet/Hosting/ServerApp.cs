using FluentValidation;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Auth;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Health;
using OpenFero.DaemonSet.History;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Metrics;
using OpenFero.DaemonSet.Notifications;
using OpenFero.DaemonSet.OpenFeroApi;
using OpenFero.DaemonSet.Rollouts;
using OpenFero.DaemonSet.Webhook;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>The server, as <c>serve</c> runs it and as tests start it (with their own configuration).</summary>
public static class ServerApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        if (builder.Configuration["urls"] is null && Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null)
        {
            builder.WebHost.UseUrls("http://0.0.0.0:8080");
        }

        builder.AddServerLogging();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddServerMetrics();
        builder.AddProductOptions();
        builder.AddServerAuth();
        // Kestrel's limits from configuration (Kestrel:Limits:*), which OpenFero's -readTimeout sets.
        builder.Services.Configure<KestrelServerOptions>(kestrel => builder.Configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits));
        builder.Services.AddSingleton<WebhookCapacity>();
        builder.Services.AddSingleton<IValidator<AlertmanagerWebhook>, AlertmanagerWebhookValidator>();
        builder.Services.AddServerOpenApi();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, WebhookJsonContext.Default);
            // Answers and problem details are read by people: a quote stays a quote, not \u0022.
            json.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        builder.AddKubernetes();
        builder.AddRemediation();
        builder.AddNotifications();
        builder.AddClusterNotifications();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapHealth();
        var api = app.MapGroup("").RequireCredentials();
        api.MapServerMetrics();
        api.MapOpenApi();
        api.MapAlertmanagerWebhook();
        api.MapRemediations();
        api.MapDaemonSetAnalysis();
        api.MapRolloutMonitor();
        api.MapOpenFeroApi();
        Web.WebPages.MapWeb(api);
        return app;
    }
}

using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Configuration;
using OpenFero.DaemonSet.Dispatch;

namespace OpenFero.DaemonSet.Notifications;

public static class NotificationsRegistration
{
    /// <summary>Remediations told to Slack, Teams and CloudEvents receivers (<c>Notifications:Destinations:N:…</c>), checked at start.</summary>
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedSection<NotificationOptions>(NotificationOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidation>();
        builder.Services.AddHttpClient(NotificationSender.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddSingleton<NotificationMetrics>();
        builder.Services.AddSingleton<NotificationSender>();
        builder.Services.AddHostedService(p => p.GetRequiredService<NotificationSender>());
        builder.Services.AddSingleton<RemediationNotifier>();
        builder.Services.AddSingleton<IRemediationObserver>(p => p.GetRequiredService<RemediationNotifier>());
        return builder;
    }

    /// <summary>
    /// What the notifications do with the cluster (needs the Kubernetes client): each step a runner takes told to the
    /// destinations that hear of steps, from the runners' Events; a Slack bot's messages remembered on their Jobs.
    /// </summary>
    public static IHostApplicationBuilder AddClusterNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IPostedMessageStore, JobAnnotationMessageStore>();
        builder.Services.AddHostedService<RemediationStepFollower>();
        return builder;
    }
}

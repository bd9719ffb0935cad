using k8s.Models;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Dispatch;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// Turns the transitions this replica made into notices for the destinations: the Job it created is a start, the
/// verdict it recorded an update, the outcome it recorded an end. Since a transition is made by one replica once
/// (the create by the one whose create succeeded, a step by the claim's holder), each is told once.
/// </summary>
public sealed class RemediationNotifier(NotificationSender sender, TimeProvider time) : IRemediationObserver
{
    public void JobCreated(AlertContext alert, V1Job job)
    {
        if (sender.Destinations.Count > 0)
        {
            sender.Offer(RemediationNotices.Started(alert, job, time.GetUtcNow()));
        }
    }

    public void StepRecorded(FollowUpStep step, V1Job job)
    {
        NoticeEvent? @event = step switch
        {
            FollowUpStep.Analyzed => NoticeEvent.Analyzed,
            FollowUpStep.Finished => NoticeEvent.Ended,
            _ => null,
        };
        if (@event is { } told && sender.Destinations.Count > 0)
        {
            sender.Offer(RemediationNotices.Of(told, job, time.GetUtcNow()));
        }
    }
}

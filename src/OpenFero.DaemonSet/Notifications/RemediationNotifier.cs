using k8s.Models;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Dispatch;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// Turns the transitions this replica made into notices for the destinations: the Job it created is a start, the
/// verdict it recorded an update, the outcome it recorded an end. Since a transition is made by one replica once
/// (the create by the one whose create succeeded, a step by the claim's holder), each is told once. When a
/// destination hears of steps, the replica that started a remediation also tells each step its runner takes
/// (<see cref="RemediationStepFollower"/> hands it the runner's Events).
/// </summary>
public sealed class RemediationNotifier(NotificationSender sender, TimeProvider time) : IRemediationObserver
{
    /// <summary>The remediations whose steps are told from here.</summary>
    public FollowedRemediations Followed { get; } = new();

    /// <summary>Whether any destination hears of steps, so that the runners' Events are worth following.</summary>
    public bool FollowsSteps => sender.Destinations.Any(d => d.HearsSteps);

    public void JobCreated(AlertContext alert, V1Job job)
    {
        if (sender.Destinations.Count == 0)
        {
            return;
        }

        var notice = RemediationNotices.Started(alert, job, time.GetUtcNow());
        if (FollowsSteps && alert.Target is { } target)
        {
            Followed.Follow(target, notice, job.Metadata.CreationTimestamp ?? time.GetUtcNow().UtcDateTime);
        }

        sender.Offer(notice);
    }

    public void StepRecorded(FollowUpStep step, V1Job job)
    {
        if (sender.Destinations.Count == 0)
        {
            return;
        }

        if (step == FollowUpStep.Analyzed)
        {
            sender.Offer(Followed.Told(RemediationNotices.Of(NoticeEvent.Analyzed, job, time.GetUtcNow())));
        }
        else if (step == FollowUpStep.Finished)
        {
            var steps = Followed.Forget(job.Metadata.NamespaceProperty, job.Metadata.Name);
            sender.Offer(RemediationNotices.Of(NoticeEvent.Ended, job, time.GetUtcNow()) with { Steps = steps });
        }
    }

    /// <summary>An Event of this program's on a DaemonSet: when it is a step of a remediation followed here, it is told.</summary>
    public void EventSeen(Corev1Event @event)
    {
        if (Followed.Saw(@event, time.GetUtcNow()) is { } step)
        {
            sender.Offer(step);
        }
    }
}

using k8s.Models;
using OpenFero.DaemonSet.Alerts;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// Told of a remediation's transitions by the replica that made them, once each: the Job it created, and each
/// follow-up step it recorded on a Job (the Job as recorded, with the verdict and outcome annotations) — for a Job
/// deleted before it had an outcome, <see cref="FollowUpStep.Finished"/> with the outcome <see cref="DeletedJobs"/>
/// recorded for it, on the Job's last version. Called on the path that made the transition, so an observer only
/// takes note and never waits on anything.
/// </summary>
public interface IRemediationObserver
{
    void JobCreated(AlertContext alert, V1Job job);

    void StepRecorded(FollowUpStep step, V1Job job);
}

using k8s.Models;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>Where a remediation Job is in its life, as its status tells.</summary>
public enum JobState
{
    /// <summary>No pod of it runs yet.</summary>
    Pending,

    /// <summary>A pod of it runs.</summary>
    Running,

    /// <summary>Condition <c>Complete</c>: the remediation exited 0.</summary>
    Succeeded,

    /// <summary>Condition <c>Failed</c>: out of retries or past its deadline.</summary>
    Failed,
}

/// <summary>A Job's <see cref="JobState"/> from its status: the conditions decide, then whether a pod is active.</summary>
public static class JobStates
{
    public static JobState Of(V1Job job) => job.Status switch
    {
        { Conditions: { } conditions } when conditions.Any(c => c.Type == "Complete" && c.Status == "True") => JobState.Succeeded,
        { Conditions: { } conditions } when conditions.Any(c => c.Type == "Failed" && c.Status == "True") => JobState.Failed,
        { Active: > 0 } => JobState.Running,
        _ => JobState.Pending,
    };

    public static bool IsFinished(this JobState state) => state is JobState.Succeeded or JobState.Failed;

    /// <summary>What the Lease decisions weigh of a Job the cache holds (or not).</summary>
    public static JobPresence Presence(V1Job? job) => job switch
    {
        null => JobPresence.Absent,
        _ when Of(job).IsFinished() => JobPresence.Finished,
        _ => JobPresence.Running,
    };
}

namespace OpenFero.DaemonSet.Rollouts;

/// <summary>What the cluster did to a DaemonSet that runs the workflows without an alert (<c>Workflows:Triggers:*</c>).</summary>
public enum RolloutTrigger
{
    /// <summary>A new revision: the template changed.</summary>
    RolloutStarted,

    /// <summary>A step of a rollout: a pod deleted, created, ready or available, or the counts moved.</summary>
    RolloutProgressed,

    /// <summary>No updated or available pod within the progress deadline.</summary>
    RolloutStalled,

    /// <summary>Every desired pod updated and available.</summary>
    RolloutCompleted,

    /// <summary>Misscheduled pods appeared (status.numberMisscheduled went above 0).</summary>
    MisscheduledPods,

    /// <summary>The controller could not create a pod (a <c>FailedCreate</c> Event on the DaemonSet).</summary>
    FailedCreate,
}

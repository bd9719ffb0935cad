namespace OpenFero.DaemonSet.Rollouts;

/// <summary>
/// Which of the cluster's own changes run the workflows (<c>Workflows:Triggers:*</c>), besides alerts, which always do.
/// Each run is one analysis of the DaemonSet, logged with its verdict and counted in <c>openfero_workflow_runs_total</c>.
/// </summary>
public sealed class WorkflowTriggerOptions
{
    public const string Section = "Workflows:Triggers";

    public bool RolloutStarted { get; set; } = true;

    /// <summary>Off by default: a rollout of a large DaemonSet has several steps per node.</summary>
    public bool RolloutProgressed { get; set; }

    public bool RolloutStalled { get; set; } = true;

    public bool RolloutCompleted { get; set; } = true;

    public bool MisscheduledPods { get; set; } = true;

    public bool FailedCreate { get; set; } = true;

    public bool Runs(RolloutTrigger trigger) => trigger switch
    {
        RolloutTrigger.RolloutStarted => RolloutStarted,
        RolloutTrigger.RolloutProgressed => RolloutProgressed,
        RolloutTrigger.RolloutStalled => RolloutStalled,
        RolloutTrigger.RolloutCompleted => RolloutCompleted,
        RolloutTrigger.MisscheduledPods => MisscheduledPods,
        RolloutTrigger.FailedCreate => FailedCreate,
        _ => false,
    };
}

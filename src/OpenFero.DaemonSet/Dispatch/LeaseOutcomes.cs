using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>What an alert is told when its DaemonSet's Lease does not let its Job start.</summary>
public static class LeaseOutcomes
{
    public static AlertOutcome Refused(string operarius, string ns, DaemonSetTarget target, DaemonSetGuard.Take take) => take switch
    {
        DaemonSetGuard.Take.Refused { Decision: LeaseDecision.AlreadyRemediated done } =>
            new AlertOutcome.Deduplicated(operarius, ns, done.Job, $"this alert instance was remediated at {done.Started:u}; its Job is gone"),
        DaemonSetGuard.Take.Refused { Decision: LeaseDecision.BlockedByRunningJob running } =>
            new AlertOutcome.Cooldown(operarius, $"a remediation of {target} is still running", running.Job),
        DaemonSetGuard.Take.Refused { Decision: LeaseDecision.BlockedByStart starting } =>
            new AlertOutcome.Cooldown(operarius, $"a remediation of {target} is starting since {starting.Acquired:u}", starting.Job),
        DaemonSetGuard.Take.Refused { Decision: LeaseDecision.BlockedByCooldown cooling } =>
            new AlertOutcome.Cooldown(operarius, cooling.NotRolledOut == 0
                ? $"{target} was remediated recently; cooldown until {cooling.Until:u}"
                : $"{target} was remediated recently; cooldown until {cooling.Until:u}, doubled for each of the last {cooling.NotRolledOut} remediation(s) that did not roll out", cooling.Job),
        _ => new AlertOutcome.Cooldown(operarius, $"another replica is taking {target} at this moment", null),
    };
}

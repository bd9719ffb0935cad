using k8s.Models;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// Where one run is on the ladder: the rung it took last (numbered from 1, named in words) and the counts that rung
/// is judged against, and the sentences that tell whether it helped.
/// </summary>
public sealed class LadderClimb
{
    public int Rung { get; private set; }

    public string RungName { get; private set; } = "";

    public StepBaseline Baseline { get; private set; } = StepBaseline.Before(null);

    /// <summary>Before a rung runs: <paramref name="daemonSet"/> is the DaemonSet as last read, whose counts it must move.</summary>
    public void Climbing(RemediationStep step, V1DaemonSet? daemonSet)
    {
        Rung++;
        RungName = LadderRungs.Name(step);
        Baseline = StepBaseline.Before(daemonSet);
    }

    /// <summary>After a rung ran: <paramref name="written"/> is the DaemonSet it wrote (a restart, an undo), if any.</summary>
    public void Climbed(RemediationStep step, V1DaemonSet? written) => Baseline = Baseline.After(step, written);

    public string Helped(StepWatchResult.Helped helped) => $"step {Rung} ({RungName}) helped: {helped.How}";

    public string DidNotHelp(StepWatchResult.DidNotHelp stalled) =>
        $"step {Rung} ({RungName}) did not help: {stalled.Counts} after {HumanDuration.Format(stalled.After)}, nothing moved; no further step taken";
}

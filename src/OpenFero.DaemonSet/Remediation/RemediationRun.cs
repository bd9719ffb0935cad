using k8s.Models;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// What one run has seen and done so far: the DaemonSet as last read or patched (its Events carry its uid and
/// resourceVersion), the plan's paragraph, the steps done, and whether it changed anything — a Kubernetes failure
/// after that is a rollout that did not happen, not a run that could not start.
/// </summary>
public sealed class RemediationRun(DaemonSetTarget target)
{
    private readonly List<string> done = [];

    public DaemonSetTarget Target { get; } = target;

    public V1DaemonSet? DaemonSet { get; set; }

    public string? Paragraph { get; set; }

    public bool Changed { get; private set; }

    /// <summary>The steps done, in words: "deleted 1 stuck pod, rollout restarted".</summary>
    public string Done => done.Count == 0 ? "nothing done" : string.Join(", ", done);

    /// <summary>Called before a step writes to the DaemonSet or its pods: from here on, a failure leaves it changed.</summary>
    public void Changing() => Changed = true;

    public void Did(string step) => done.Add(step);

    /// <summary>The outcome of <paramref name="result"/>: the plan's paragraph (when there is one) and the final sentence.</summary>
    public RemediationOutcome End(RemediationResult result, string sentence) =>
        new(result, Paragraph is null ? sentence : $"{Paragraph} {sentence}");
}

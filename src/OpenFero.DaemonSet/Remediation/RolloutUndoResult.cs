using k8s.Models;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>What <c>kubectl rollout undo</c> put back: the previous <paramref name="Revision"/>, its containers' images, and the DaemonSet as patched.</summary>
public sealed record RolloutUndoResult(long Revision, IReadOnlyList<string> Images, V1DaemonSet DaemonSet)
{
    /// <summary>"rolled back to revision 3 (image calico/node:v3.26.1)".</summary>
    public string Description => $"rolled back to revision {Revision}" + Images.Count switch
    {
        0 => "",
        1 => $" (image {Images[0]})",
        _ => $" (images {string.Join(", ", Images)})",
    };
}

namespace OpenFero.DaemonSet.Semantics;

/// <summary>The DaemonSet an alert is about: its <c>namespace</c> and <c>daemonset</c> labels, nothing else.</summary>
public sealed record DaemonSetTarget(string Namespace, string Name)
{
    public override string ToString() => $"{Namespace}/{Name}";
}

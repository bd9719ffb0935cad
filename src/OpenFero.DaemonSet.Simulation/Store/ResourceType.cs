namespace OpenFero.DaemonSet.Simulation.Store;

/// <summary>A kind of object the simulated API server serves, as discovery describes it.</summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Plural,
    string Singular,
    string Kind,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Subresources)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The resource's name with its group, as kubectl and error messages write it (<c>daemonsets.apps</c>).</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public bool HasStatus => Subresources.Contains("status");
}

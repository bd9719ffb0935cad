namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// How the DaemonSet is configured (the status enricher's <c>ShowDetails</c>): what runs, how it is updated, where it
/// may run, what it takes from the host, and the revisions it has had. Placement rules are written as kubectl writes
/// them (<c>a=b,c in (d)</c>, tolerations as <c>kubectl describe</c> lists them).
/// </summary>
public sealed record DaemonSetDetails(
    IReadOnlyList<ContainerImage> Containers,
    UpdateStrategyDetails UpdateStrategy,
    string Selector,
    string? NodeSelector,
    IReadOnlyList<string> RequiredNodeAffinity,
    IReadOnlyList<string> Tolerations,
    string? PriorityClassName,
    bool HostNetwork,
    IReadOnlyList<HostPortDetail> HostPorts,
    IReadOnlyList<RevisionDetail> Revisions);

/// <summary>A container of the pod template; <c>init</c> for an init container.</summary>
public sealed record ContainerImage(string Name, string Image, bool Init);

public sealed record UpdateStrategyDetails(string Type, string? MaxUnavailable, string? MaxSurge);

public sealed record HostPortDetail(string Container, int HostPort, string Protocol);

/// <summary>A ControllerRevision of the DaemonSet: its number, the images of its template, and how old it is.</summary>
public sealed record RevisionDetail(long Revision, string Name, IReadOnlyList<string> Images, TimeSpan Age, bool Current);

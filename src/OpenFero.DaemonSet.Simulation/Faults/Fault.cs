namespace OpenFero.DaemonSet.Simulation.Faults;

/// <summary>What goes wrong with a request.</summary>
public abstract record Fault
{
    /// <summary>429 with a Retry-After header, as API Priority and Fairness answers.</summary>
    public sealed record TooManyRequests(int RetryAfterSeconds = 1) : Fault;

    public sealed record ServerError : Fault;

    public sealed record ServiceUnavailable : Fault;

    /// <summary>The connection is dropped without an answer.</summary>
    public sealed record ConnectionReset : Fault;

    /// <summary>The request is answered normally, late.</summary>
    public sealed record Latency(TimeSpan Delay) : Fault;

    /// <summary>A 409 Conflict, as when another writer won the race.</summary>
    public sealed record Conflict : Fault;
}

/// <summary>Which requests a fault applies to: a Kubernetes verb and resource, either may be "*" (watches only when named).</summary>
public sealed record FaultMatch(string Verb = "*", string Resource = "*")
{
    public static FaultMatch Any { get; } = new();

    public bool Matches(string verb, string resource) =>
        (Verb == "*" ? verb != "watch" : Verb == verb) && (Resource == "*" || Resource == resource);
}

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>What a Job's pod runs in the simulation: an in-process handler chosen by the container image.</summary>
public delegate Task<int> JobPodHandler(JobPodContext context, CancellationToken cancellationToken);

/// <summary>The pod a handler runs as: where it is, its container's environment and arguments, its log, and the API server.</summary>
public sealed record JobPodContext(
    string Namespace,
    string PodName,
    string Image,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Command,
    IReadOnlyList<string> Args,
    Uri ApiServer,
    TextWriter Log)
{
    /// <summary>
    /// The file the container's termination message goes to (a per-pod temp file the runner creates): its content
    /// when the handler ends becomes <c>state.terminated.message</c>, as the kubelet reads <c>/dev/termination-log</c>.
    /// Null when the handler is called outside a runner.
    /// </summary>
    public string? TerminationMessagePath { get; init; }
}

/// <summary>
/// Handlers by image prefix (the longest matching prefix wins). A Job pod whose image has no handler is an
/// image that cannot be pulled: it stays Pending in ImagePullBackOff until a handler is registered.
/// </summary>
public sealed class JobHandlerRegistry
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, JobPodHandler> handlers = new(StringComparer.Ordinal);

    public Uri ApiServer { get; set; } = new("http://127.0.0.1/");

    public void Register(string imagePrefix, JobPodHandler handler)
    {
        lock (gate)
        {
            handlers[imagePrefix] = handler;
        }
    }

    public JobPodHandler? Find(string image)
    {
        lock (gate)
        {
            return handlers.Where(h => image.StartsWith(h.Key, StringComparison.Ordinal))
                .OrderByDescending(h => h.Key.Length)
                .Select(h => h.Value)
                .FirstOrDefault();
        }
    }
}

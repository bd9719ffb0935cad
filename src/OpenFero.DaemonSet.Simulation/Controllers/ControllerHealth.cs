namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>A controller that has not completed a pass within the bound, and why it is judged so.</summary>
public sealed record ControllerStall(string Controller, string Reason);

/// <summary>
/// When each controller last started and completed a pass, on the simulation's clock. A controller is stalled
/// when its pass has run longer than the bound (hung), or when the loop goes on but the controller has not
/// completed a pass within the bound (it fails every pass); the loop itself is stalled when no pass has started
/// within the bound (it died or never wakes).
/// </summary>
public sealed class ControllerHealth(TimeProvider time, TimeSpan bound)
{
    public const string Loop = "controller-loop";

    private readonly Lock gate = new();
    private readonly Dictionary<string, DateTimeOffset> completed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> lastErrors = new(StringComparer.Ordinal);
    private readonly DateTimeOffset created = time.GetUtcNow();
    private (string Controller, DateTimeOffset Since)? running;
    private DateTimeOffset? loopPassStarted;

    public TimeSpan Bound => bound;

    /// <summary>The controller whose pass is under way, if any.</summary>
    public string? RunningPass
    {
        get
        {
            lock (gate)
            {
                return running?.Controller;
            }
        }
    }

    public void LoopPassStarting()
    {
        lock (gate)
        {
            loopPassStarted = time.GetUtcNow();
        }
    }

    public void PassStarting(string controller)
    {
        lock (gate)
        {
            running = (controller, time.GetUtcNow());
            completed.TryAdd(controller, created);
        }
    }

    public void PassCompleted(string controller)
    {
        lock (gate)
        {
            running = null;
            completed[controller] = time.GetUtcNow();
            lastErrors.Remove(controller);
        }
    }

    public void PassFailed(string controller, Exception error)
    {
        lock (gate)
        {
            running = null;
            lastErrors[controller] = $"{error.GetType().Name}: {error.Message}";
        }
    }

    /// <summary>The controllers stalled now; empty when all is well.</summary>
    public IReadOnlyList<ControllerStall> Stalled()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (running is { } pass && now - pass.Since > bound)
            {
                return [new ControllerStall(pass.Controller, $"its pass has been running for {Seconds(now - pass.Since)}")];
            }

            var loopStarted = loopPassStarted ?? created;
            if (running is null && now - loopStarted > bound)
            {
                return [new ControllerStall(Loop, $"no pass has started for {Seconds(now - loopStarted)}")];
            }

            return [.. completed.Where(c => now - c.Value > bound)
                .Select(c => new ControllerStall(c.Key, $"no pass has completed for {Seconds(now - c.Value)}"
                    + (lastErrors.TryGetValue(c.Key, out var error) ? $" (last failure: {error})" : "")))];
        }
    }

    private static string Seconds(TimeSpan elapsed) => $"{elapsed.TotalSeconds:0} s";
}

namespace OpenFero.DaemonSet.Simulation.Faults;

/// <summary>
/// Faults for the simulated API server: by rate ("20% of requests get a 503") or by script ("the next 3
/// PATCHes to daemonsets fail with 503"). Scripts are used up first, in the order they were added.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly List<ScriptedFault> scripts = [];
    private readonly List<(double Probability, Fault Fault, FaultMatch Match)> rates = [];
    private Random random = new();

    /// <summary>How many faults were injected so far.</summary>
    public long Injected { get; private set; }

    public void Seed(int seed)
    {
        lock (gate)
        {
            random = new Random(seed);
        }
    }

    public void Script(FaultMatch match, int count, Fault fault)
    {
        lock (gate)
        {
            scripts.Add(new ScriptedFault(match, fault) { Remaining = count });
        }
    }

    public void InjectRate(double probability, Fault fault, FaultMatch? match = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(probability);
        lock (gate)
        {
            rates.Add((probability, fault, match ?? FaultMatch.Any));
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            scripts.Clear();
            rates.Clear();
        }
    }

    /// <summary>The fault for this request, if any (consumes one use of a script).</summary>
    public Fault? Next(string verb, string resource)
    {
        lock (gate)
        {
            var scripted = scripts.FirstOrDefault(s => s.Remaining > 0 && s.Match.Matches(verb, resource));
            if (scripted is not null)
            {
                scripted.Remaining--;
                Injected++;
                return scripted.Fault;
            }

            foreach (var (probability, fault, match) in rates)
            {
                if (match.Matches(verb, resource) && random.NextDouble() < probability)
                {
                    Injected++;
                    return fault;
                }
            }

            return null;
        }
    }

    private sealed record ScriptedFault(FaultMatch Match, Fault Fault)
    {
        public int Remaining { get; set; }
    }
}

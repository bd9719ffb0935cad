using OpenFero.DaemonSet.Simulation.Controllers;

namespace OpenFero.DaemonSet.Simulation.Hosting;

public sealed class SimulatedClusterOptions
{
    /// <summary>A scenario's name (see <c>ScenarioCatalog.Names</c>) or the path of a scenario file; none for an empty cluster.</summary>
    public string? Scenario { get; init; }

    /// <summary>The simulation's clock: controllers, kubelets and watch timeouts run on it.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>Whether the controllers run. Off, the cluster is only an API server over the scenario's objects.</summary>
    public bool RunControllers { get; init; } = true;

    /// <summary>
    /// Whether the controllers wait to be stepped (<see cref="ClusterControllers.ReconcileOnce"/> between advances of a
    /// fake <see cref="Time"/>) instead of running on their own: a run that ends the same way every time.
    /// </summary>
    public bool StepControllers { get; init; }

    /// <summary>A seed for generated names and uids, so that a stepped run on a fixed clock creates the same objects every time.</summary>
    public int? NameSeed { get; init; }

    /// <summary>How many changes the store keeps for watches to resume from; older versions are 410 Gone.</summary>
    public int HistoryCapacity { get; init; } = 100_000;

    /// <summary>Whether the host logs its warnings and errors to the console.</summary>
    public bool Logging { get; init; }

    /// <summary>How long a controller pass may take, or a controller go without completing one, before it is reported stalled.</summary>
    public TimeSpan ControllerStallBound { get; init; } = ClusterControllers.DefaultStallBound;

    /// <summary>
    /// Whether the cluster serves the resource metrics API (<c>metrics.k8s.io/v1beta1</c>, as metrics-server does); off,
    /// its paths are 404 and discovery does not list it, as in a cluster without metrics-server.
    /// </summary>
    public bool MetricsApi { get; init; } = true;

    /// <summary>A seed for the fault injector's random source, so that rate faults hit the same requests every run.</summary>
    public int? FaultSeed { get; init; }
}

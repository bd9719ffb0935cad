using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using OpenFero.DaemonSet.Simulation.Api.Strategies;
using OpenFero.DaemonSet.Simulation.Controllers;
using OpenFero.DaemonSet.Simulation.Scenarios;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Tests.Controllers;

/// <summary>A scenario loaded into a store with its controllers, stepped on a fake clock.</summary>
internal sealed class ScenarioRun : IAsyncDisposable
{
    public ScenarioRun(string scenario)
        : this(ScenarioCatalog.Load(scenario))
    {
    }

    public ScenarioRun(Scenario scenario)
    {
        Time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        Store = new ClusterStore(Time).WithApiServerStrategies();
        Scenario = scenario;
        Scenario.ApplyTo(Store);
        Controllers = new ClusterControllers(Store, Time, Scenario, JobHandlers);
    }

    public FakeTimeProvider Time { get; }
    public ClusterStore Store { get; }
    public Scenario Scenario { get; }
    public JobHandlerRegistry JobHandlers { get; } = new();
    public ClusterControllers Controllers { get; }

    /// <summary>Runs controller passes every quarter second of simulated time for the given span.</summary>
    public void RunFor(TimeSpan span, Action? afterEachPass = null)
    {
        for (var elapsed = TimeSpan.Zero; elapsed <= span; elapsed += ClusterControllers.Tick)
        {
            Controllers.ReconcileOnce();
            afterEachPass?.Invoke();
            Time.Advance(ClusterControllers.Tick);
        }
    }

    public V1DaemonSet DaemonSet(string ns, string name) => Store.GetRequired(ResourceTypes.DaemonSets, ns, name).As<V1DaemonSet>();

    public IReadOnlyList<V1Pod> Pods(string ns) => [.. Store.List(ResourceTypes.Pods, ns).Select(p => p.As<V1Pod>())];

    public ValueTask DisposeAsync() => Controllers.DisposeAsync();
}

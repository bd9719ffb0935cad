using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenFero.DaemonSet.Simulation.Scenarios;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// All the simulated cluster's controllers on one loop driven by the simulation's clock: a pass runs on every
/// change to the store and at least every <see cref="Tick"/>. Each controller's failure is its own: the others
/// still run in the same pass. A watchdog on the same clock reports a controller whose pass hangs or keeps
/// failing (<see cref="Health"/>). Tests on a FakeTimeProvider may instead call <see cref="ReconcileOnce"/>
/// between <c>Advance</c> calls and never <see cref="Start"/>.
/// </summary>
public sealed partial class ClusterControllers : IAsyncDisposable
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan DefaultStallBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WatchdogPeriod = TimeSpan.FromSeconds(1);

    private readonly ClusterStore store;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly JobPodRunner jobPods;
    private readonly (string Name, Action Reconcile)[] controllers;
    private readonly ConcurrentDictionary<string, ManualResetEventSlim> holds = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim changed = new(0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock passGate = new();
    private readonly Lock watchdogGate = new();
    private readonly List<WatchSubscription> subscriptions = [];
    private HashSet<string> reportedStalls = new(StringComparer.Ordinal);
    private ITimer? watchdog;
    private Task loop = Task.CompletedTask;

    public ClusterControllers(ClusterStore store, TimeProvider time, Scenario scenario, JobHandlerRegistry jobHandlers,
        ILogger? logger = null, TimeSpan? stallBound = null)
    {
        this.store = store;
        this.time = time;
        this.logger = logger ?? NullLogger.Instance;
        Health = new ControllerHealth(time, stallBound ?? DefaultStallBound);
        jobPods = new JobPodRunner(jobHandlers, time);
        var daemonSets = new DaemonSetController(store, time);
        var jobs = new JobController(store, time);
        var kubelet = new Kubelet(store, time, scenario, jobPods);
        var edits = new ScenarioEdits(store, time, scenario);
        var quotas = new Quotas.ResourceQuotaController(store, time);
        controllers = [("scenario-edits", edits.Apply), ("daemonset", daemonSets.Reconcile), ("job", jobs.Reconcile), ("kubelet", kubelet.Reconcile), ("resourcequota", quotas.Reconcile)];
    }

    public ControllerHealth Health { get; }

    /// <summary>The last unexpected failure of a controller pass, if any (the loop goes on after it).</summary>
    public Exception? LastError { get; private set; }

    /// <summary>What the Job pods wrote, by pod name.</summary>
    public IReadOnlyDictionary<string, PodLog> JobLogs => jobPods.Logs;

    public void Start()
    {
        foreach (var type in new[] { ResourceTypes.Nodes, ResourceTypes.Pods, ResourceTypes.DaemonSets, ResourceTypes.Jobs, ResourceTypes.ResourceQuotas })
        {
            var subscription = store.Watch(type, null, 0);
            subscriptions.Add(subscription);
            _ = Task.Run(() => SignalChangesAsync(subscription));
        }

        loop = Task.Run(RunAsync);
        watchdog = time.CreateTimer(_ => CheckHealth(), null, WatchdogPeriod, WatchdogPeriod);
    }

    /// <summary>One pass of every controller, in the order the real ones would usually act; a failure is thrown.</summary>
    public void ReconcileOnce()
    {
        lock (passGate)
        {
            foreach (var (name, reconcile) in controllers)
            {
                Pass(name, reconcile);
            }
        }
    }

    /// <summary>
    /// Makes the named controller's passes hang, holding up the loop, until the handle is disposed: what a
    /// deadlocked or starved controller looks like, so that its detection can be tested.
    /// </summary>
    public IDisposable Hold(string controller)
    {
        var hold = new ManualResetEventSlim(false);
        holds[controller] = hold;
        return new Release(() =>
        {
            holds.TryRemove(controller, out _);
            hold.Set();
        });
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (watchdog is not null)
        {
            await watchdog.DisposeAsync();
        }

        subscriptions.ForEach(s => s.Dispose());
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for the next pass.
        }

        jobPods.Dispose();
        stopping.Dispose();
        changed.Dispose();
    }

    private void Pass(string name, Action reconcile)
    {
        Health.PassStarting(name);
        try
        {
            if (holds.TryGetValue(name, out var hold))
            {
                hold.Wait(stopping.Token);
            }

            reconcile();
        }
        catch (Exception error)
        {
            Health.PassFailed(name, error);
            throw;
        }

        Health.PassCompleted(name);
    }

    private void RunPass()
    {
        lock (passGate)
        {
            Health.LoopPassStarting();
            foreach (var (name, reconcile) in controllers)
            {
                try
                {
                    Pass(name, reconcile);
                }
                catch (ApiException)
                {
                    // A write lost to a concurrent client (a name taken, an object gone): the next pass starts from what is there.
                }
                catch (Exception) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception error)
                {
                    // Whatever it is, it must not stop the loop (an escaped exception would end it for good, silently).
                    LastError = error;
                    LogControllerFailed(logger, name, error);
                }
            }
        }
    }

    private async Task RunAsync()
    {
        Task? change = null;
        while (!stopping.IsCancellationRequested)
        {
            RunPass();

            // One wait for a change at a time: an abandoned waiter would swallow the next change's wake-up.
            change ??= changed.WaitAsync(stopping.Token);
            await Task.WhenAny(Task.Delay(Tick, time, stopping.Token), change);
            if (change.IsCompleted)
            {
                change = null;
            }

            while (change is null && changed.CurrentCount > 0)
            {
                await changed.WaitAsync(stopping.Token);
            }
        }
    }

    private void CheckHealth()
    {
        lock (watchdogGate)
        {
            var stalls = Health.Stalled();
            foreach (var stall in stalls.Where(s => !reportedStalls.Contains(s.Controller)))
            {
                LogStalled(logger, stall.Controller, stall.Reason, Health.Bound.TotalSeconds);
            }

            foreach (var recovered in reportedStalls.Where(c => stalls.All(s => s.Controller != c)))
            {
                LogRecovered(logger, recovered);
            }

            reportedStalls = stalls.Select(s => s.Controller).ToHashSet(StringComparer.Ordinal);
        }
    }

    private async Task SignalChangesAsync(WatchSubscription subscription)
    {
        await foreach (var _ in subscription.Events.ReadAllAsync(CancellationToken.None))
        {
            if (changed.CurrentCount == 0)
            {
                changed.Release();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Simulated {Controller} controller failed a pass; the next pass goes on")]
    private static partial void LogControllerFailed(ILogger logger, string controller, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Simulated {Controller} is stalled: {Reason} (bound {BoundSeconds} s)")]
    private static partial void LogStalled(ILogger logger, string controller, string reason, double boundSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated {Controller} completes its passes again")]
    private static partial void LogRecovered(ILogger logger, string controller);

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}

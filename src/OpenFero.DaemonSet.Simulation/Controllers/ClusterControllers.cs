using OpenFero.DaemonSet.Simulation.Scenarios;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// All the simulated cluster's controllers on one loop driven by the simulation's clock: a pass runs on every
/// change to the store and at least every <see cref="Tick"/>. Tests on a FakeTimeProvider may instead call
/// <see cref="ReconcileOnce"/> between <c>Advance</c> calls and never <see cref="Start"/>.
/// </summary>
public sealed class ClusterControllers : IAsyncDisposable
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    private readonly ClusterStore store;
    private readonly TimeProvider time;
    private readonly DaemonSetController daemonSets;
    private readonly JobController jobs;
    private readonly Kubelet kubelet;
    private readonly ScenarioEdits edits;
    private readonly JobPodRunner jobPods;
    private readonly SemaphoreSlim changed = new(0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock passGate = new();
    private readonly List<WatchSubscription> subscriptions = [];
    private Task loop = Task.CompletedTask;

    public ClusterControllers(ClusterStore store, TimeProvider time, Scenario scenario, JobHandlerRegistry jobHandlers)
    {
        this.store = store;
        this.time = time;
        jobPods = new JobPodRunner(jobHandlers, time);
        daemonSets = new DaemonSetController(store, time);
        jobs = new JobController(store, time);
        kubelet = new Kubelet(store, time, scenario, jobPods);
        edits = new ScenarioEdits(store, time, scenario);
    }

    /// <summary>The last unexpected failure of a controller pass, if any (the loop goes on after it).</summary>
    public Exception? LastError { get; private set; }

    /// <summary>What the Job pods wrote, by pod name.</summary>
    public IReadOnlyDictionary<string, StringWriter> JobLogs => jobPods.Logs;

    public void Start()
    {
        foreach (var type in new[] { ResourceTypes.Nodes, ResourceTypes.Pods, ResourceTypes.DaemonSets, ResourceTypes.Jobs })
        {
            var subscription = store.Watch(type, null, 0);
            subscriptions.Add(subscription);
            _ = Task.Run(() => SignalChangesAsync(subscription));
        }

        loop = Task.Run(RunAsync);
    }

    /// <summary>One pass of every controller, in the order the real ones would usually act.</summary>
    public void ReconcileOnce()
    {
        lock (passGate)
        {
            edits.Apply();
            daemonSets.Reconcile();
            jobs.Reconcile();
            kubelet.Reconcile();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
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

    private async Task RunAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                ReconcileOnce();
            }
            catch (ApiException)
            {
                // A write lost to a concurrent client (a name taken, an object gone): the next pass starts from what is there.
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A controller must not stop the cluster: report it and go on with the next pass.
                LastError = error;
                await Console.Error.WriteLineAsync($"simulated controllers: {error}");
            }

            var delay = Task.Delay(Tick, time, stopping.Token);
            await Task.WhenAny(delay, changed.WaitAsync(stopping.Token));
            while (changed.CurrentCount > 0)
            {
                await changed.WaitAsync(stopping.Token);
            }
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
}

namespace OpenFero.DaemonSet.Tests.Hosting;

/// <summary>
/// Tests that hold a process to "stopped within 5 s of SIGTERM" run on their own, after the parallel tests: on two
/// cores shared with the rest of the suite, they would measure the other tests' load, not the host's stop.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StopTimingCollection
{
    public const string Name = "stop timing";
}

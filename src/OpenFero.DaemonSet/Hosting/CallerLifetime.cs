namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// The lifetime of a host run inside another's work (a simulated Job pod, a test): its caller's token stops it, not
/// the process's signals, which belong to the process's own host.
/// </summary>
public sealed class CallerLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

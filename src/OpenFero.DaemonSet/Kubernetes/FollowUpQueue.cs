using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpenFero.DaemonSet.Kubernetes;

/// <summary>
/// Work that follows a remediation but must not slow the webhook's answer (Operarius status, Events on the
/// DaemonSet): run one at a time in the background, failures logged after the pipeline's own retries.
/// </summary>
public sealed partial class FollowUpQueue(ILogger<FollowUpQueue> logger) : BackgroundService
{
    private readonly Channel<(string What, Func<CancellationToken, Task> Work)> queue =
        Channel.CreateBounded<(string, Func<CancellationToken, Task>)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    public void Enqueue(string what, Func<CancellationToken, Task> work) => queue.Writer.TryWrite((what, work));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (what, work) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await work(stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, what, error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record {What}")]
    private static partial void LogFailed(ILogger logger, string what, Exception error);
}

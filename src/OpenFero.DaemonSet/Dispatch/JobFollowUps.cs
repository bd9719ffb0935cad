using System.Threading.Channels;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// Level-triggered follow-ups: every Job the watch lists or sees change, and every Job in the cache at each resync,
/// is brought up to date by <see cref="JobFollowUpReconciler"/> from what its annotations say was done. A keyed queue
/// coalesces a Job's changes and a fixed number of workers drain it, so under load work waits instead of being
/// dropped, and whatever failed or was missed is picked up at the next resync. Each resync also ends the Jobs whose
/// approval expired (<see cref="ApprovalExpiry"/>); a Job seen deleted before its outcome was recorded gets one
/// (<see cref="DeletedJobs"/>).
/// </summary>
public sealed partial class JobFollowUps : BackgroundService
{
    private readonly JobWatcher jobs;
    private readonly JobFollowUpReconciler reconciler;
    private readonly ApprovalExpiry expiry;
    private readonly DeletedJobs deletions;
    private readonly Channel<V1Job> deleted = Channel.CreateUnbounded<V1Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly FollowUpOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<JobFollowUps> logger;
    private readonly KeyedWorkQueue queue = new();

    public JobFollowUps(
        JobWatcher jobs, JobFollowUpReconciler reconciler, ApprovalExpiry expiry, DeletedJobs deletions, IOptions<FollowUpOptions> options, TimeProvider time, ILogger<JobFollowUps> logger)
    {
        this.jobs = jobs;
        this.reconciler = reconciler;
        this.expiry = expiry;
        this.deletions = deletions;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;

        // Subscribed before the hosted services start, so the watch's initial list is seen too.
        jobs.Changed += Notice;
        jobs.Removed += NoticeDeleted;
    }

    public override void Dispose()
    {
        jobs.Changed -= Notice;
        jobs.Removed -= NoticeDeleted;
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = Enumerable.Range(0, options.Workers).Select(_ => WorkAsync(stoppingToken)).Append(ResyncAsync(stoppingToken)).Append(RecordDeletionsAsync(stoppingToken));
        try
        {
            await Task.WhenAll(loops);
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is not recorded yet is done by the next replica to look, from the Jobs' annotations.
        }
    }

    private void Notice(V1Job job)
    {
        if (FollowUpSteps.Pending(job).Count > 0)
        {
            queue.Add(job.Metadata.Name);
        }
    }

    private void NoticeDeleted(V1Job job)
    {
        if (DeletedJobs.OutcomeOf(job) is not null)
        {
            deleted.Writer.TryWrite(job);
        }
    }

    private async Task RecordDeletionsAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in deleted.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await deletions.RecordAsync(job, stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // The Kubernetes calls were retried already, and a deletion is seen once: what was not written is logged.
                LogDeletionNotRecorded(logger, job.Metadata.Name, error);
            }
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var name = await queue.TakeAsync(stoppingToken);
            try
            {
                if (jobs.Get(name) is { } job)
                {
                    using var scope = logger.BeginScope(new Dictionary<string, object?> { ["Job"] = $"{job.Metadata.NamespaceProperty}/{name}" });
                    if (await reconciler.ReconcileAsync(job, stoppingToken) is FollowUpResult.Recorded recorded)
                    {
                        LogRecorded(logger, name, FollowUpSteps.Format(recorded.Steps));
                    }
                }
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Whatever the client throws once the stop is requested; the Job's annotations say what is left.
                return;
            }
            catch (Exception error)
            {
                LogFailed(logger, name, error);
            }
            finally
            {
                queue.Done(name);
            }
        }
    }

    private async Task ResyncAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ResyncInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var job in jobs.Jobs)
            {
                Notice(job);
            }

            await expiry.ExpireDueAsync(jobs.Jobs, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Recorded {Steps} for Job {Job}")]
    private static partial void LogRecorded(ILogger logger, string job, string steps);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the outcome of Job {Job}, deleted before it had one")]
    private static partial void LogDeletionNotRecorded(ILogger logger, string job, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not bring the follow-ups of Job {Job} up to date; trying again at the next resync")]
    private static partial void LogFailed(ILogger logger, string job, Exception error);
}

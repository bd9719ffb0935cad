using k8s.Models;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// Tells on each Operarius what its templates are, when it is loaded or changed: the conditions
/// <see cref="TemplateConditions"/> calls for on its status, and a Warning Event when one turns to a problem (a
/// template that does not parse, alert data spliced into a shell script). Compared with the catalog's copy first, so
/// an Operarius whose conditions already say it costs no call.
/// </summary>
public sealed partial class OperariusTemplateChecks : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    private readonly KeyedWorkQueue queue = new();
    private readonly OperariusCatalog catalog;
    private readonly OperariusStatusWriter status;
    private readonly DaemonSetEvents events;
    private readonly TimeProvider time;
    private readonly ILogger<OperariusTemplateChecks> logger;

    public OperariusTemplateChecks(OperariusCatalog catalog, OperariusStatusWriter status, DaemonSetEvents events, TimeProvider time,
        ILogger<OperariusTemplateChecks> logger)
    {
        (this.catalog, this.status, this.events, this.time, this.logger) = (catalog, status, events, time, logger);
        catalog.Changed += operarius => queue.Add(operarius.Metadata.Name);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var loaded in catalog.Operarii)
        {
            queue.Add(loaded.Metadata.Name);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            string name;
            try
            {
                name = await queue.TakeAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await CheckAsync(name, stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested && KubernetesFailures.IsFailure(error))
            {
                LogNotRecorded(logger, name, error.Message);
                _ = RetryLaterAsync(name, stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                queue.Done(name);
            }
        }
    }

    private async Task CheckAsync(string name, CancellationToken cancellationToken)
    {
        if (catalog.Operarii.FirstOrDefault(o => o.Metadata.Name == name) is not { } operarius)
        {
            return;
        }

        var templates = catalog.TemplatesOf(operarius);
        var generation = operarius.Metadata.Generation;
        var known = operarius.Status?.Conditions?.ToList() ?? [];
        if (TemplateConditions.Changes(known, TemplateConditions.For(templates, known, generation)).Count == 0)
        {
            return;
        }

        var changed = await status.RecordTemplateConditionsAsync(name, templates, generation, time.GetUtcNow().UtcDateTime, cancellationToken);
        foreach (var condition in changed.Where(TemplateConditions.IsWarning))
        {
            LogWarning(logger, name, condition.Type, condition.Message);
            await events.RecordAsync(Reference(operarius), DaemonSetEvent.Warning(condition.Reason, DaemonSetEvent.Actions.CheckTemplates, condition.Message),
                cancellationToken);
        }
    }

    private async Task RetryLaterAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(RetryDelay, time, cancellationToken);
            queue.Add(name);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static V1ObjectReference Reference(Operarius operarius) => new()
    {
        ApiVersion = operarius.ApiVersion,
        Kind = operarius.Kind,
        Name = operarius.Metadata.Name,
        NamespaceProperty = operarius.Metadata.NamespaceProperty,
        Uid = operarius.Metadata.Uid,
        ResourceVersion = operarius.Metadata.ResourceVersion,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operarius {Operarius}: {Condition}: {Message}")]
    private static partial void LogWarning(ILogger logger, string operarius, string condition, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The conditions on Operarius {Operarius}'s templates could not be recorded, trying again: {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, string operarius, string reason);
}

using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// Writes an Operarius' status as OpenFero does (executionCount, lastExecutionTime, lastExecutedJobName,
/// lastExecutionStatus: Pending, then Successful or Failed as the Job ended), plus lastExecutionOutcome, the run's own
/// outcome (rolledOut, declined…; absent while it runs or when the Job gave none), and the conditions on its templates:
/// read, change, replace with the read resourceVersion; a 409 means re-read and re-apply.
/// </summary>
public sealed class OperariusStatusWriter(IKubernetes client, IOptions<RemediationJobOptions> options)
{
    /// <summary>
    /// Counts the Job's execution. The last* fields move to it only if it started after the one they name, so Jobs
    /// recorded late (after a restart) do not hide a newer one. A Job the status already names was counted: nothing to do.
    /// </summary>
    public Task RecordStartAsync(string operarius, string jobName, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        UpdateAsync(operarius, status =>
        {
            if (status.LastExecutedJobName == jobName)
            {
                return false;
            }

            status.ExecutionCount = (status.ExecutionCount ?? 0) + 1;
            if (status.LastExecutionTime is not { } last || startedAt.UtcDateTime >= DateTime.SpecifyKind(last, DateTimeKind.Utc))
            {
                status.LastExecutionTime = startedAt.UtcDateTime;
                status.LastExecutedJobName = jobName;
                status.LastExecutionStatus = "Pending";
                status.LastExecutionOutcome = null;
            }

            return true;
        }, cancellationToken);

    /// <param name="jobStatus">OpenFero's word for the Job's end: <c>Successful</c> or <c>Failed</c>.</param>
    /// <param name="outcome">The run's outcome by its wire name; null when the Job gave none.</param>
    public Task RecordOutcomeAsync(string operarius, string jobName, string jobStatus, string? outcome, CancellationToken cancellationToken) =>
        UpdateAsync(operarius, status =>
        {
            if ((status.LastExecutedJobName != jobName && status.LastExecutedJobName is not null) ||
                (status.LastExecutionStatus == jobStatus && status.LastExecutionOutcome == outcome))
            {
                return false;
            }

            status.LastExecutedJobName = jobName;
            status.LastExecutionStatus = jobStatus;
            status.LastExecutionOutcome = outcome;
            return true;
        }, cancellationToken);

    /// <summary>
    /// Puts the conditions the Operarius' templates call for on its status (<see cref="TemplateConditions"/>); returns
    /// those that changed, so that what changed is told once (another replica that wrote them first leaves none).
    /// </summary>
    public async Task<IReadOnlyList<V1Condition>> RecordTemplateConditionsAsync(string operarius, JobTemplates templates, long? generation, DateTime now,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<V1Condition> changed = [];
        await UpdateAsync(operarius, status =>
        {
            changed = TemplateConditions.Apply(status, templates, generation, now);
            return changed.Count > 0;
        }, cancellationToken);
        return changed;
    }

    /// <param name="change">Changes the status; false when there is nothing to write.</param>
    private async Task UpdateAsync(string name, Func<OperariusStatus, bool> change, CancellationToken cancellationToken)
    {
        var ns = options.Value.OperariusNamespace;

        // A 409 means another replica wrote first: read its version and apply the change again.
        await ConflictRetry.RunAsync(async () =>
        {
            var current = await client.CustomObjects.GetNamespacedCustomObjectAsync<Operarius>(
                Operarius.Group, Operarius.Version, ns, Operarius.Plural, name, cancellationToken);
            current.Status ??= new OperariusStatus();
            if (change(current.Status))
            {
                await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(
                    current, Operarius.Group, Operarius.Version, ns, Operarius.Plural, name, cancellationToken: cancellationToken);
            }
        });
    }
}

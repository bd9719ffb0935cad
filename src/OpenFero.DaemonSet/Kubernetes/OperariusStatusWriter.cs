using System.Net;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Options;

namespace OpenFero.DaemonSet.Kubernetes;

/// <summary>
/// Writes an Operarius' status as OpenFero does (executionCount, lastExecutionTime, lastExecutedJobName,
/// lastExecutionStatus): read, change, replace with the read resourceVersion; a 409 means re-read and re-apply.
/// </summary>
public sealed class OperariusStatusWriter(IKubernetes client, IOptions<RemediationJobOptions> options, TimeProvider time)
{
    private const int Attempts = 5;

    public Task RecordStartAsync(string operarius, string jobName, CancellationToken cancellationToken) =>
        UpdateAsync(operarius, status =>
        {
            status.ExecutionCount = (status.ExecutionCount ?? 0) + 1;
            status.LastExecutionTime = time.GetUtcNow().UtcDateTime;
            status.LastExecutedJobName = jobName;
            status.LastExecutionStatus = "Pending";
        }, cancellationToken);

    public Task RecordOutcomeAsync(string operarius, string jobName, string outcome, CancellationToken cancellationToken) =>
        UpdateAsync(operarius, status =>
        {
            if (status.LastExecutedJobName == jobName || status.LastExecutedJobName is null)
            {
                status.LastExecutedJobName = jobName;
                status.LastExecutionStatus = outcome;
            }
        }, cancellationToken);

    private async Task UpdateAsync(string name, Action<OperariusStatus> change, CancellationToken cancellationToken)
    {
        var ns = options.Value.OperariusNamespace;
        for (var attempt = 1; ; attempt++)
        {
            var current = await client.CustomObjects.GetNamespacedCustomObjectAsync<Operarius>(
                Operarius.Group, Operarius.Version, ns, Operarius.Plural, name, cancellationToken);
            current.Status ??= new OperariusStatus();
            change(current.Status);
            try
            {
                await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(
                    current, Operarius.Group, Operarius.Version, ns, Operarius.Plural, name, cancellationToken: cancellationToken);
                return;
            }
            catch (HttpOperationException conflict) when (conflict.Response.StatusCode == HttpStatusCode.Conflict && attempt < Attempts)
            {
                // Another replica wrote first: read its version and apply the change again.
            }
        }
    }
}

using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// Posted messages remembered as annotations on the remediation's Job (one merge patch each), where every replica
/// reads them with the Job: the end recorded by another replica than the start's updates the start's message.
/// </summary>
public sealed partial class JobAnnotationMessageStore(IKubernetes client, ILogger<JobAnnotationMessageStore> logger) : IPostedMessageStore
{
    public async Task RememberAsync(string jobNamespace, string job, string key, string value, CancellationToken cancellationToken)
    {
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = value } } };
        try
        {
            await client.BatchV1.PatchNamespacedJobAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), job, jobNamespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException gone) when (gone.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // The Job is gone already: its end, if any is told, is a message of its own.
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested && KubernetesFailures.IsFailure(failure))
        {
            LogNotRemembered(logger, jobNamespace, job, failure.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remember the posted message on Job {Namespace}/{Job} ({Reason}): only this replica will update it")]
    private static partial void LogNotRemembered(ILogger logger, string @namespace, string job, string reason);
}

using System.Text.Json.Serialization;
using k8s.Models;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.OpenFeroApi;

/// <summary>
/// One Operarius as OpenFero's <c>GET /api/jobs</c> shows it (its field names, kept for its UI and scripts): the
/// Operarius' name as <c>configMapName</c>, its alert name as <c>jobName</c>, its first container's image, its
/// execution counters, and the last Job's live status (<c>Successful</c>, <c>Failed</c>, <c>Running</c>, <c>Pending</c>).
/// </summary>
public sealed record OperariusJobInfo(
    [property: JsonPropertyName("configMapName")] string ConfigMapName,
    [property: JsonPropertyName("jobName")] string JobName,
    [property: JsonPropertyName("namespace"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Namespace,
    [property: JsonPropertyName("image")] string Image,
    [property: JsonPropertyName("executionCount")] int ExecutionCount,
    [property: JsonPropertyName("lastExecutionTime"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? LastExecutionTime,
    [property: JsonPropertyName("lastExecutedJobName"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LastExecutedJobName,
    [property: JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Status)
{
    /// <param name="lastJob">The Operarius' last Job as the Job cache holds it, if it still exists.</param>
    public static OperariusJobInfo Of(Operarius operarius, V1Job? lastJob)
    {
        var image = operarius.Spec.JobTemplate.Spec?.Template?.Spec?.Containers is [{ } first, ..] ? first.Image ?? "unknown" : "unknown";
        return new OperariusJobInfo(
            operarius.Metadata.Name,
            operarius.Spec.AlertSelector.Alertname,
            operarius.Metadata.NamespaceProperty,
            image,
            operarius.Status?.ExecutionCount ?? 0,
            operarius.Status?.LastExecutionTime,
            string.IsNullOrEmpty(operarius.Status?.LastExecutedJobName) ? null : operarius.Status.LastExecutedJobName,
            lastJob is null ? NullIfEmpty(operarius.Status?.LastExecutionStatus) : LiveStatus(lastJob));
    }

    /// <summary>As OpenFero derives it from the Job's counters.</summary>
    private static string LiveStatus(V1Job job) => job.Status switch
    {
        { Succeeded: > 0 } => "Successful",
        { Failed: > 0 } => "Failed",
        { Active: > 0 } => "Running",
        _ => "Pending",
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

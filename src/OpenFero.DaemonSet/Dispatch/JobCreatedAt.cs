using k8s.Models;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>When a Job was created, as the API server stamped it; now when the copy at hand has no stamp.</summary>
public static class JobCreatedAt
{
    public static DateTimeOffset Of(V1Job job, TimeProvider time) =>
        job.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : time.GetUtcNow();
}

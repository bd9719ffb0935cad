using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using OpenFero.DaemonSet.Alerting;

namespace OpenFero.DaemonSet.Kubernetes;

/// <summary>
/// One remediation per DaemonSet at a time, and a cooldown after each, held in a Lease per DaemonSet so every
/// replica agrees: the Lease names the Job that holds the DaemonSet and when it started. Taking it is an
/// optimistic write (create, or replace at the read resourceVersion); whoever loses the race re-reads.
/// </summary>
public sealed class DaemonSetGuard(IKubernetes client, JobWatcher jobs, TimeProvider time)
{
    private const int Attempts = 5;

    public abstract record Decision
    {
        public sealed record Proceed : Decision;

        public sealed record Blocked(string Reason, string BlockingJob) : Decision;
    }

    public async Task<Decision> TryTakeAsync(string ns, DaemonSetTarget target, string jobName, TimeSpan cooldown, CancellationToken cancellationToken)
    {
        var leaseName = JobLabels.LeaseName(target.Namespace, target.Name);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var lease = await ReadAsync(leaseName, ns, cancellationToken);
            var now = time.GetUtcNow();
            if (lease is null)
            {
                if (await WriteAsync(() => client.CoordinationV1.CreateNamespacedLeaseAsync(NewLease(leaseName, ns, target, jobName, now), ns, cancellationToken: cancellationToken)))
                {
                    return new Decision.Proceed();
                }

                continue;
            }

            var holder = lease.Spec?.HolderIdentity ?? "";
            if (holder == jobName)
            {
                return new Decision.Proceed();
            }

            if (jobs.Get(holder) is { } holding && !JobWatcher.IsFinished(holding))
            {
                return new Decision.Blocked($"a remediation of {target} is still running", holder);
            }

            var started = lease.Spec?.AcquireTime is { } acquired ? new DateTimeOffset(DateTime.SpecifyKind(acquired, DateTimeKind.Utc)) : DateTimeOffset.MinValue;
            if (started + cooldown > now)
            {
                return new Decision.Blocked($"{target} was remediated at {started:u}; cooldown until {started + cooldown:u}", holder);
            }

            lease.Spec!.HolderIdentity = jobName;
            lease.Spec.AcquireTime = now.UtcDateTime;
            lease.Spec.RenewTime = now.UtcDateTime;
            lease.Spec.LeaseTransitions = (lease.Spec.LeaseTransitions ?? 0) + 1;
            if (await WriteAsync(() => client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, leaseName, ns, cancellationToken: cancellationToken)))
            {
                return new Decision.Proceed();
            }
        }

        return new Decision.Blocked($"another replica is taking {target} at this moment", "");
    }

    private async Task<V1Lease?> ReadAsync(string name, string ns, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoordinationV1.ReadNamespacedLeaseAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>True when the write landed; false when another writer won (409) and the Lease must be read again.</summary>
    private static async Task<bool> WriteAsync(Func<Task<V1Lease>> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (HttpOperationException conflict) when (conflict.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    private static V1Lease NewLease(string name, string ns, DaemonSetTarget target, string jobName, DateTimeOffset now) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string>
            {
                [JobLabels.ManagedBy] = JobLabels.ManagedByValue,
                [JobLabels.DaemonSetNamespace] = JobLabels.LabelValue(target.Namespace),
                [JobLabels.DaemonSet] = JobLabels.LabelValue(target.Name),
            },
        },
        Spec = new V1LeaseSpec { HolderIdentity = jobName, AcquireTime = now.UtcDateTime, RenewTime = now.UtcDateTime, LeaseTransitions = 0 },
    };
}

using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// At most <c>Remediation:MaxConcurrent</c> remediation Jobs at once across all DaemonSets, atomic across replicas:
/// one Lease per slot (<c>openfero-remediation-slot-N</c>), claimed by creating it (a 409 means another replica won)
/// or by replacing it at the read resourceVersion once its holder's Job has finished or is gone. A slot whose holder
/// has no Job yet is kept for the start grace: its Job may be being created.
/// </summary>
public sealed class RemediationSlots(IKubernetes client, JobWatcher jobs, IOptions<RemediationJobOptions> options, TimeProvider time)
{
    private const int Attempts = 5;

    public const string SlotPrefix = "openfero-remediation-slot-";

    public abstract record Claim
    {
        /// <summary>The slot is this Job's; <paramref name="Slot"/> is the Lease as written.</summary>
        public sealed record Claimed(V1Lease Slot) : Claim;

        /// <summary>Every slot is held by a Job that runs (or is being created); <paramref name="Holders"/> names them.</summary>
        public sealed record Full(IReadOnlyList<string> Holders) : Claim;
    }

    /// <summary>
    /// Whether a Job takes a slot: an analysis-only run (<c>Runner__AnalyzeOnly=true</c> in its env) changes nothing
    /// in the cluster, so the limit on remediations at once does not hold it back. Only a Job for an alert that names a
    /// DaemonSet is asked (the caller checks): an Operarius for any other alert is not a DaemonSet remediation.
    /// </summary>
    public static bool TakesASlot(V1Job job) =>
        job.Spec?.Template?.Spec?.Containers?.Any(c => c.Env?.Any(e => e.Name == "Runner__AnalyzeOnly" && string.Equals(e.Value, "true", StringComparison.OrdinalIgnoreCase)) == true) != true;

    public async Task<Claim> TryClaimAsync(string ns, string jobName, CancellationToken cancellationToken)
    {
        var holders = new List<string>();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            holders.Clear();
            var contended = false;
            for (var slot = 0; slot < options.Value.MaxConcurrent; slot++)
            {
                var name = $"{SlotPrefix}{slot}";
                var lease = await ReadOrNull.ReadAsync(() => client.CoordinationV1.ReadNamespacedLeaseAsync(name, ns, cancellationToken: cancellationToken));
                var now = time.GetUtcNow();
                if (lease?.Spec?.HolderIdentity is { } holder && holder == jobName)
                {
                    return new Claim.Claimed(lease);
                }

                if (lease is not null && Busy(lease, now) is { } busy)
                {
                    holders.Add(busy);
                    continue;
                }

                var written = await WriteAsync(lease is null
                    ? () => client.CoordinationV1.CreateNamespacedLeaseAsync(Slot(name, ns, jobName, now, null), ns, cancellationToken: cancellationToken)
                    : () => client.CoordinationV1.ReplaceNamespacedLeaseAsync(Slot(name, ns, jobName, now, lease), name, ns, cancellationToken: cancellationToken));
                if (written is not null)
                {
                    return new Claim.Claimed(written);
                }

                contended = true;
            }

            if (!contended)
            {
                break;
            }
        }

        return new Claim.Full([.. holders]);
    }

    /// <summary>Gives <paramref name="claimed"/>'s slot back when its Job was not created; nothing when someone wrote it since.</summary>
    public async Task ReleaseAsync(string ns, Claim.Claimed claimed, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoordinationV1.DeleteNamespacedLeaseAsync(claimed.Slot.Metadata.Name, ns,
                new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = claimed.Slot.Metadata.ResourceVersion } }, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException moved) when (moved.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            // Someone took or removed the slot since: it is no longer this claim's.
        }
        catch (Exception failure) when (KubernetesFailures.IsFailure(failure) && !cancellationToken.IsCancellationRequested)
        {
            // Not given back now: a slot whose Job does not exist is free again after the start grace (Remediation:StartGraceSeconds).
        }
    }

    /// <summary>
    /// Frees the slot <paramref name="jobName"/> holds, once its Job is known to be gone (deleted before it ran): without
    /// this its slot would count as a Job being created until the start grace ends. Nothing when it holds none.
    /// </summary>
    public async Task ReleaseHeldByAsync(string ns, string jobName, CancellationToken cancellationToken)
    {
        for (var slot = 0; slot < options.Value.MaxConcurrent; slot++)
        {
            var lease = await ReadOrNull.ReadAsync(() => client.CoordinationV1.ReadNamespacedLeaseAsync($"{SlotPrefix}{slot}", ns, cancellationToken: cancellationToken));
            if (lease?.Spec?.HolderIdentity == jobName)
            {
                await ReleaseAsync(ns, new Claim.Claimed(lease), cancellationToken);
            }
        }
    }

    /// <summary>The Job holding the slot while it runs, or may be being created; null when the slot is free.</summary>
    private string? Busy(V1Lease lease, DateTimeOffset now)
    {
        if (lease.Spec?.HolderIdentity is not { Length: > 0 } holder)
        {
            return null;
        }

        var acquired = lease.Spec.AcquireTime is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : DateTimeOffset.MinValue;
        return JobStates.Presence(jobs.Get(holder)) switch
        {
            JobPresence.Running => holder,
            JobPresence.Absent when acquired + TimeSpan.FromSeconds(options.Value.StartGraceSeconds) > now => holder,
            _ => null,
        };
    }

    private static V1Lease Slot(string name, string ns, string jobName, DateTimeOffset now, V1Lease? previous) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, ResourceVersion = previous?.Metadata?.ResourceVersion },
        Spec = new V1LeaseSpec
        {
            HolderIdentity = jobName,
            AcquireTime = now.UtcDateTime,
            RenewTime = now.UtcDateTime,
            LeaseTransitions = (previous?.Spec?.LeaseTransitions ?? -1) + 1,
        },
    };

    /// <summary>The Lease as written; null when another writer won (409) or the replaced slot was deleted meanwhile (404).</summary>
    private static async Task<V1Lease?> WriteAsync(Func<Task<V1Lease>> write)
    {
        try
        {
            return await write();
        }
        catch (HttpOperationException lost) when (lost.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}

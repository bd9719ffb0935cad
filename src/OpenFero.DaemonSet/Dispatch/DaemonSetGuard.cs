using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// One remediation per DaemonSet at a time, a cooldown after each, and a memory of the alert instances it
/// remediated, held in a Lease per DaemonSet so every replica agrees. The decisions are
/// <see cref="LeaseDecision"/>'s; this class reads and writes: taking is an optimistic write (create, or
/// replace at the read resourceVersion) and whoever loses the race re-reads. A take is tentative until
/// <see cref="RecordAsync"/> lists the created Job; <see cref="ReleaseAsync"/> undoes a take whose Job was not created.
/// </summary>
public sealed class DaemonSetGuard(IKubernetes client, JobWatcher jobs, IOptions<RemediationJobOptions> options, TimeProvider time)
{
    private const int Attempts = 5;

    public abstract record Take
    {
        /// <summary>The Job may be created. <paramref name="Before"/> is the Lease as it was (null: there was none); <paramref name="After"/> null when nothing was written.</summary>
        public sealed record Taken(V1Lease? Before, V1Lease? After) : Take;

        public sealed record Refused(LeaseDecision Decision) : Take;

        /// <summary>Other replicas kept winning the write.</summary>
        public sealed record Contended : Take;
    }

    public LeaseRules Rules(TimeSpan cooldown) =>
        new(cooldown, TimeSpan.FromSeconds(options.Value.StartGraceSeconds), TimeSpan.FromSeconds(options.Value.RecordRetentionSeconds),
            TimeSpan.FromSeconds(options.Value.MaxCooldownSeconds));

    public async Task<Take> TryTakeAsync(string ns, DaemonSetTarget target, string jobName, TimeSpan cooldown, CancellationToken cancellationToken)
    {
        var leaseName = JobLabels.LeaseName(target.Namespace, target.Name);
        var rules = Rules(cooldown);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var lease = await ReadAsync(leaseName, ns, cancellationToken);
            var now = time.GetUtcNow();
            var state = lease is null ? null : LeaseState.From(lease);
            switch (LeaseDecision.Decide(state, jobName, now, Presence, rules))
            {
                case LeaseDecision.Proceed when lease is null:
                    var created = await WriteAsync(() => client.CoordinationV1.CreateNamespacedLeaseAsync(
                        NewLease(leaseName, ns, target, jobName, cooldown, now), ns, cancellationToken: cancellationToken));
                    if (created is not null)
                    {
                        return new Take.Taken(null, created);
                    }

                    continue;
                case LeaseDecision.Proceed when state!.Holder == jobName:
                    // This alert instance took the Lease before and its Job was never created: try again as holder.
                    return new Take.Taken(lease, null);
                case LeaseDecision.Proceed:
                    var taken = Clone(lease!);
                    taken.Spec.HolderIdentity = jobName;
                    taken.Spec.AcquireTime = now.UtcDateTime;
                    taken.Spec.RenewTime = now.UtcDateTime;
                    taken.Spec.LeaseDurationSeconds = (int)cooldown.TotalSeconds;
                    taken.Spec.LeaseTransitions = (taken.Spec.LeaseTransitions ?? 0) + 1;
                    SetRemembered(taken, LeaseRetention.Remembered(state, now, Presence, rules));
                    var replaced = await WriteAsync(() => client.CoordinationV1.ReplaceNamespacedLeaseAsync(taken, leaseName, ns, cancellationToken: cancellationToken), orDeleted: true);
                    if (replaced is not null)
                    {
                        return new Take.Taken(lease, replaced);
                    }

                    continue;
                case var refused:
                    return new Take.Refused(refused);
            }
        }

        return new Take.Contended();
    }

    /// <summary>
    /// Lists a created Job on the Lease, so its alert instance stays deduplicated after the Job is gone. Starts
    /// from <paramref name="written"/>, the Lease as this replica's take wrote it, when there is one: no read then
    /// unless another writer came in between.
    /// </summary>
    public async Task RecordAsync(string ns, DaemonSetTarget target, string jobName, TimeSpan cooldown, V1Lease? written, CancellationToken cancellationToken)
    {
        var leaseName = JobLabels.LeaseName(target.Namespace, target.Name);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var lease = attempt == 1 && written is not null ? written : await ReadAsync(leaseName, ns, cancellationToken);
            var now = time.GetUtcNow();
            if (LeaseDecision.ToRecord(lease is null ? null : LeaseState.From(lease), jobName, now) is not { } record)
            {
                return;
            }

            // No Lease: created with no take before it (an earlier attempt's create landed late); the Job still gets its record.
            var recorded = lease is null
                ? await WriteAsync(() => client.CoordinationV1.CreateNamespacedLeaseAsync(
                    Recorded(NewLease(leaseName, ns, target, jobName, cooldown, now), record, now, cooldown), ns, cancellationToken: cancellationToken))
                : await WriteAsync(() => client.CoordinationV1.ReplaceNamespacedLeaseAsync(
                    Recorded(Clone(lease), record, now, cooldown), leaseName, ns, cancellationToken: cancellationToken), orDeleted: true);
            if (recorded is not null)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Undoes a take whose Job was not created: the Lease as it was, or none, written only if nobody wrote since
    /// (resourceVersion precondition). False when it could not be undone; a tentative holder with no Job then
    /// stops counting after the start grace.
    /// </summary>
    public async Task<bool> ReleaseAsync(string ns, Take.Taken taken, CancellationToken cancellationToken)
    {
        if (taken.After is not { } after)
        {
            return true;
        }

        try
        {
            if (taken.Before is { } before)
            {
                var restored = Clone(before);
                restored.Metadata.ResourceVersion = after.Metadata.ResourceVersion;
                await client.CoordinationV1.ReplaceNamespacedLeaseAsync(restored, after.Metadata.Name, ns, cancellationToken: cancellationToken);
            }
            else
            {
                await client.CoordinationV1.DeleteNamespacedLeaseAsync(after.Metadata.Name, ns,
                    new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = after.Metadata.ResourceVersion } }, cancellationToken: cancellationToken);
            }

            return true;
        }
        catch (HttpOperationException moved) when (moved.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            // Someone wrote the Lease since: it is theirs now, and this take is already undone.
            return true;
        }
    }

    /// <summary>
    /// Ends the cooldown <paramref name="jobName"/> began, and its hold on the Lease, because the Job ended without
    /// changing the DaemonSet (<see cref="LeaseState.WithoutCooldownOf"/>); the Lease keeps remembering its alert
    /// instance. Safe to repeat; nothing to do when the Lease is gone (nothing holds the DaemonSet then).
    /// </summary>
    public Task EndCooldownAsync(string ns, DaemonSetTarget target, string jobName, DateTimeOffset started, CancellationToken cancellationToken) =>
        ChangeLeaseAsync(ns, target, state => state.WithoutCooldownOf(jobName, started), $"the cooldown of Job {jobName} was ended", cancellationToken);

    /// <summary>
    /// Marks <paramref name="jobName"/> on its DaemonSet's Lease as a remediation that acted and did not roll out
    /// (<see cref="LeaseState.WithNotRolledOut"/>): the next remediation's cooldown doubles. Safe to repeat.
    /// </summary>
    public Task RecordNotRolledOutAsync(string ns, DaemonSetTarget target, string jobName, DateTimeOffset started, CancellationToken cancellationToken) =>
        ChangeLeaseAsync(ns, target, state => state.WithNotRolledOut(jobName, started), $"Job {jobName} was marked as not rolled out", cancellationToken);

    /// <summary>Writes <paramref name="change"/> of the Lease (null: nothing to change), re-reading when another writer won.</summary>
    private async Task ChangeLeaseAsync(string ns, DaemonSetTarget target, Func<LeaseState, LeaseState?> change, string what, CancellationToken cancellationToken)
    {
        var leaseName = JobLabels.LeaseName(target.Namespace, target.Name);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var lease = await ReadAsync(leaseName, ns, cancellationToken);
            var state = lease is null ? null : LeaseState.From(lease);
            if (state is null || change(state) is not { } ended)
            {
                return;
            }

            var changed = Clone(lease!);
            changed.Spec.HolderIdentity = ended.Holder;
            SetRemembered(changed, LeaseRetention.Remembered(ended, time.GetUtcNow(), Presence, Rules(ended.Cooldown)));
            if (await WriteAsync(() => client.CoordinationV1.ReplaceNamespacedLeaseAsync(changed, leaseName, ns, cancellationToken: cancellationToken), orDeleted: true) is not null)
            {
                return;
            }
        }

        throw new InvalidOperationException($"the Lease {ns}/{leaseName} of {target} kept changing while {what}");
    }

    /// <summary>What this replica's Job cache knows of a Job.</summary>
    public JobPresence Presence(string job) => JobStates.Presence(jobs.Get(job));

    private V1Lease Recorded(V1Lease lease, RemediatedJob job, DateTimeOffset now, TimeSpan cooldown)
    {
        var state = LeaseState.From(lease);
        SetRemembered(lease, LeaseRetention.Remembered(state with { Remediated = [job, .. state.Remediated] }, now, Presence, Rules(cooldown)));
        return lease;
    }

    private static void SetRemembered(V1Lease lease, IReadOnlyList<RemediatedJob> remembered)
    {
        lease.Metadata.Annotations ??= new Dictionary<string, string>();
        lease.Metadata.Annotations[JobLabels.RemediatedAnnotation] = LeaseState.Format(remembered);
    }

    private Task<V1Lease?> ReadAsync(string name, string ns, CancellationToken cancellationToken) =>
        ReadOrNull.ReadAsync(() => client.CoordinationV1.ReadNamespacedLeaseAsync(name, ns, cancellationToken: cancellationToken));

    /// <summary>
    /// The Lease as written; null when another writer won (409), or when a replaced Lease was deleted meanwhile
    /// (404, <paramref name="orDeleted"/>), and the Lease must be read again.
    /// </summary>
    private static async Task<V1Lease?> WriteAsync(Func<Task<V1Lease>> write, bool orDeleted = false)
    {
        try
        {
            return await write();
        }
        catch (HttpOperationException lost) when (lost.Response.StatusCode == HttpStatusCode.Conflict || (orDeleted && lost.Response.StatusCode == HttpStatusCode.NotFound))
        {
            return null;
        }
    }

    private static V1Lease Clone(V1Lease lease) => KubernetesJson.Deserialize<V1Lease>(KubernetesJson.Serialize(lease));

    private static V1Lease NewLease(string name, string ns, DaemonSetTarget target, string jobName, TimeSpan cooldown, DateTimeOffset now) => new()
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
        Spec = new V1LeaseSpec
        {
            HolderIdentity = jobName,
            AcquireTime = now.UtcDateTime,
            RenewTime = now.UtcDateTime,
            LeaseDurationSeconds = (int)cooldown.TotalSeconds,
            LeaseTransitions = 0,
        },
    };
}

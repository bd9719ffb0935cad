using k8s;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Web;

/// <summary>A DaemonSet that no new remediation may touch until <paramref name="Until"/>: the cooldown after <paramref name="Job"/>.</summary>
public sealed record Cooldown(string? Target, string Job, DateTimeOffset Started, DateTimeOffset Until);

/// <summary>
/// <c>GET /api/remediations/cooldowns</c>: the DaemonSets waiting out the cooldown after a remediation that changed
/// them, read from their Leases (the same state the guard decides with), soonest end first.
/// </summary>
public static class CooldownsApi
{
    public static IEndpointRouteBuilder MapCooldowns(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/remediations/cooldowns", ListAsync)
            .WithName("ListCooldowns")
            .WithSummary("DaemonSets in their cooldown after a remediation, and until when")
            .ProducesProblem(503);
        return routes;
    }

    public static async Task<Results<Ok<IReadOnlyList<Cooldown>>, ProblemHttpResult>> ListAsync(
        IKubernetes client, IOptions<RemediationJobOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var ns = options.Value.OperariusNamespace;
        try
        {
            var now = time.GetUtcNow();
            var leases = await KubernetesPaging.ItemsAsync(
                    next => client.CoordinationV1.ListNamespacedLeaseAsync(ns, labelSelector: JobLabels.ManagedSelector, limit: KubernetesPaging.PageSize, continueParameter: next, cancellationToken: cancellationToken),
                    l => l.Items)
                .ToListAsync(cancellationToken);
            return TypedResults.Ok<IReadOnlyList<Cooldown>>([.. leases
                .Select(lease => (Lease: lease, State: LeaseState.From(lease)))
                .Select(l => (l.Lease, l.State, Latest: l.State.Remediated.Where(r => r.ChangedTheCluster).MaxBy(r => r.Started)))
                .Where(l => l.Latest is not null && l.Latest.Started + l.State.Cooldown > now)
                .Select(l => new Cooldown(Target(l.Lease.Metadata.Labels), l.Latest!.Job, l.Latest.Started, l.Latest.Started + l.State.Cooldown))
                .OrderBy(c => c.Until)]);
        }
        catch (Exception error) when (KubernetesFailures.IsFailure(error) && !cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Problem($"Kubernetes could not be reached: {error.Message}", statusCode: 503);
        }
    }

    private static string? Target(IDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue(JobLabels.DaemonSetNamespace, out var ns) && labels.TryGetValue(JobLabels.DaemonSet, out var name) ? $"{ns}/{name}" : null;
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Approval;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.History;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Web;

/// <summary>
/// <c>POST /api/remediations/{job}/approve</c>: the web page's Approve button, with the same checks as the
/// <c>approve</c> verb (<see cref="JobApproval"/>). It changes the cluster, so it asks for the header
/// <c>X-Requested-With: openfero</c>, which a plain HTML form or link on another site cannot send: a browser sends it
/// cross-site only after a CORS preflight, which this server never grants.
/// </summary>
public static class ApproveApi
{
    public const string Header = "X-Requested-With";
    public const string HeaderValue = "openfero";

    public static IEndpointRouteBuilder MapApprove(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/remediations/{job}/approve", ApproveAsync)
            .WithName("ApproveRemediation")
            .WithSummary($"Approves a remediation Job that waits for approval (needs the header {Header}: {HeaderValue})")
            .ProducesProblem(400)
            .ProducesProblem(404)
            .ProducesProblem(409)
            .ProducesProblem(503);
        return routes;
    }

    public static async Task<Results<Ok<RemediationRecord>, ProblemHttpResult>> ApproveAsync(
        string job, HttpRequest request, JobApproval approval, IOptions<ApprovalOptions> options, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.Headers[Header], HeaderValue, StringComparison.Ordinal))
        {
            return TypedResults.Problem($"header {Header}: {HeaderValue} is required: approving changes the cluster, and a page on another site cannot send it",
                statusCode: 400, title: $"Missing header {Header}");
        }

        try
        {
            return await approval.ApproveAsync(job, cancellationToken) switch
            {
                ApprovalAnswer.Approved approved => TypedResults.Ok(RemediationsApi.Record(approved.Job, options.Value.ApprovalTimeout)),
                ApprovalAnswer.Refused { Kind: ApprovalRefusalKind.NotFound } refused => TypedResults.Problem(refused.Message, statusCode: 404, title: "No such remediation Job"),
                ApprovalAnswer.Refused { Kind: ApprovalRefusalKind.Expired } refused => TypedResults.Problem(refused.Message, statusCode: 409, title: "Approval expired"),
                ApprovalAnswer.Refused refused => TypedResults.Problem(refused.Message, statusCode: 409, title: "Not waiting for approval"),
                var other => throw new InvalidOperationException($"unexpected approval answer {other}"),
            };
        }
        catch (Exception error) when (KubernetesFailures.IsFailure(error) && !cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Problem($"Kubernetes could not be reached: {error.Message}", statusCode: 503);
        }
    }
}

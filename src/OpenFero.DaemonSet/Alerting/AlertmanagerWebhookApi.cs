using System.Diagnostics;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Hosting;

namespace OpenFero.DaemonSet.Alerting;

/// <summary>
/// <c>POST /alerts</c>: every alert of the delivery is remediated on its own, concurrently, within a bounded
/// time. 202 when each alert has its final outcome; 503 when Kubernetes could not be reached in time, so
/// Alertmanager delivers again (deduplication makes that safe).
/// </summary>
public static partial class AlertmanagerWebhookApi
{
    public static IEndpointRouteBuilder MapAlertmanagerWebhook(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/alerts", HandleAsync)
            .WithName("ReceiveAlerts")
            .WithSummary("Receive an Alertmanager webhook (version 4)")
            .Accepts<AlertmanagerWebhook>("application/json")
            .Produces<WebhookAnswer>(202)
            .ProducesValidationProblem()
            .ProducesProblem(401)
            .ProducesProblem(413)
            .ProducesProblem(415)
            .ProducesProblem(503);
        return routes;
    }

    public static async Task<Results<Accepted<WebhookAnswer>, ValidationProblem, ProblemHttpResult, JsonHttpResult<WebhookAnswer>>> HandleAsync(
        HttpRequest request,
        IValidator<AlertmanagerWebhook> validator,
        IAlertRemediator remediator,
        IOptions<WebhookOptions> options,
        ServerMetrics metrics,
        TimeProvider time,
        ILogger<AlertmanagerWebhook> logger,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var read = await WebhookBodyReader.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
            if (read is WebhookBodyReader.Result.Rejected rejected)
            {
                return TypedResults.Problem(rejected.Detail, statusCode: rejected.StatusCode, title: rejected.Title);
            }

            var webhook = ((WebhookBodyReader.Result.Read)read).Webhook;
            var validation = await validator.ValidateAsync(webhook, cancellationToken);
            if (!validation.IsValid)
            {
                return TypedResults.ValidationProblem(validation.ToDictionary(), title: "The webhook body is not valid");
            }

            var alerts = webhook.Alerts!.Select(a => AlertContextFactory.Create(a, webhook.GroupKey ?? "")).ToList();
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var remediations = alerts.Select(a => RemediateAsync(remediator, a, logger, bounded.Token)).ToArray();

            // Re-sends are answered from the Job cache without waiting: the answer's time bound only needs a timer
            // when some alert still waits for Kubernetes.
            using var deadline = remediations.All(r => r.IsCompleted)
                ? null
                : time.CreateTimer(static state => ((CancellationTokenSource)state!).Cancel(), bounded, options.Value.AnswerTimeout, Timeout.InfiniteTimeSpan);
            var outcomes = await Task.WhenAll(remediations);
            var answer = new WebhookAnswer([.. alerts.Zip(outcomes, AlertAnswer.From)]);
            foreach (var outcome in outcomes)
            {
                metrics.AlertReceived(outcome.Kind);
            }

            if (outcomes.Any(o => o is AlertOutcome.Unavailable))
            {
                request.HttpContext.Response.Headers.RetryAfter = "10";
                return TypedResults.Json(answer, statusCode: 503);
            }

            return TypedResults.Accepted((string?)null, answer);
        }
        finally
        {
            metrics.WebhookAnswered(Stopwatch.GetElapsedTime(started));
        }
    }

    private static async Task<AlertOutcome> RemediateAsync(IAlertRemediator remediator, AlertContext alert, ILogger logger, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["Alertname"] = alert.AlertName,
            ["Fingerprint"] = alert.Fingerprint,
            ["Namespace"] = alert.Target?.Namespace,
            ["DaemonSet"] = alert.Target?.Name,
        });
        try
        {
            var outcome = await remediator.RemediateAsync(alert, cancellationToken);
            LogOutcome(logger, alert.AlertName, alert.Status, outcome.Kind);
            return outcome;
        }
        catch (OperationCanceledException)
        {
            LogTimedOut(logger, alert.AlertName);
            return new AlertOutcome.Unavailable("Kubernetes did not answer in time");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Alertname} ({Status}): {Outcome}")]
    private static partial void LogOutcome(ILogger logger, string alertname, string status, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Alertname}: no answer from Kubernetes in time; asking Alertmanager to deliver again")]
    private static partial void LogTimedOut(ILogger logger, string alertname);
}

using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Metrics;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Webhook;

/// <summary>
/// <c>POST /alerts</c>: every alert of the delivery is remediated on its own, a few at a time, within a bounded
/// time. 202 when each alert has its final outcome; 503 when Kubernetes could not be reached in time or the
/// answer was due before every alert was done, so Alertmanager delivers again (deduplication makes that safe).
/// What the client got wrong is its 4xx and one line of log, never an error with a stack.
/// </summary>
public static partial class AlertmanagerWebhookApi
{
    public static IEndpointRouteBuilder MapAlertmanagerWebhook(this IEndpointRouteBuilder routes)
    {
        // The handler's services are singletons, taken from the root provider: a request that resolves none from
        // its own services gets no service scope (created and disposed per request otherwise). The remediator is
        // taken per request, since building it builds the Kubernetes client, whose errors belong to the start.
        var services = routes.ServiceProvider;
        var validator = services.GetRequiredService<IValidator<AlertmanagerWebhook>>();
        var capacity = services.GetRequiredService<WebhookCapacity>();
        var options = services.GetRequiredService<IOptions<WebhookOptions>>();
        var metrics = services.GetRequiredService<ServerMetrics>();
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<AlertmanagerWebhook>>();
        // Kestrel stops a body at Webhook:MaxBodyBytes (its default limit would be 30 MB).
        var maxBodyBytes = options.Value.MaxBodyBytes;
        routes.MapPost("/alerts", (HttpRequest request, CancellationToken cancellationToken) =>
                HandleAsync(request, validator, services.GetRequiredService<IAlertRemediator>(), capacity, options, metrics, time, logger, cancellationToken))
            .WithMetadata(new RequestSizeLimitAttribute(maxBodyBytes))
            .WithName("ReceiveAlerts")
            .WithSummary("Receive an Alertmanager webhook (version 4)")
            .Accepts<AlertmanagerWebhook>("application/json")
            .Produces<WebhookAnswer>(202)
            .ProducesValidationProblem()
            .ProducesProblem(401)
            .ProducesProblem(413)
            .ProducesProblem(415)
            .Produces<WebhookAnswer>(503)
            .ProducesProblem(503);
        return routes;
    }

    public static async Task<Results<WebhookAnswerResult, ValidationProblem, ProblemHttpResult>> HandleAsync(
        HttpRequest request,
        IValidator<AlertmanagerWebhook> validator,
        IAlertRemediator remediator,
        WebhookCapacity capacity,
        IOptions<WebhookOptions> options,
        ServerMetrics metrics,
        TimeProvider time,
        ILogger<AlertmanagerWebhook> logger,
        CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var settings = options.Value;
        try
        {
            switch (await ReadBodyAsync(request, capacity, settings.MaxBodyBytes, cancellationToken))
            {
                case WebhookBodyReader.Result.Rejected rejected:
                    LogRefused(logger, rejected.StatusCode, rejected.Title, rejected.Detail);
                    if (rejected.StatusCode == 503)
                    {
                        request.HttpContext.Response.Headers.RetryAfter = "5";
                    }

                    return TypedResults.Problem(rejected.Detail, statusCode: rejected.StatusCode, title: rejected.Title);
                case WebhookBodyReader.Result.Abandoned abandoned:
                    LogAbandoned(logger, abandoned.Reason);
                    return TypedResults.Problem(abandoned.Reason, statusCode: 400, title: "Incomplete body");
                case WebhookBodyReader.Result.Read read:
                    return await AnswerAsync(read.Webhook);
                default:
                    throw new InvalidOperationException("unknown body read result");
            }
        }
        finally
        {
            metrics.WebhookAnswered(time.GetElapsedTime(started));
        }

        async Task<Results<WebhookAnswerResult, ValidationProblem, ProblemHttpResult>> AnswerAsync(AlertmanagerWebhook webhook)
        {
            // No rule waits on anything: the synchronous validation spares an async state machine per rule.
            var validation = validator.Validate(webhook);
            if (!validation.IsValid)
            {
                LogRefused(logger, 400, "The webhook body is not valid", string.Join("; ", validation.Errors.Select(e => e.ErrorMessage)));
                return TypedResults.ValidationProblem(validation.ToDictionary(), title: "The webhook body is not valid");
            }

            var alerts = new AlertContext[webhook.Alerts!.Count];
            for (var i = 0; i < alerts.Length; i++)
            {
                alerts[i] = AlertContextFactory.Create(webhook.Alerts[i], webhook.GroupKey ?? "", webhook);
            }

            var finished = await RemediateAllAsync(alerts, remediator, capacity, settings, WorkBound(settings.AnswerTimeout) - time.GetElapsedTime(started), time, logger, cancellationToken);
            var answers = new AlertAnswer[alerts.Length];
            var unfinished = 0;
            var unavailable = false;
            for (var i = 0; i < alerts.Length; i++)
            {
                var outcome = finished[i] ?? NotInTime(settings.AnswerTimeout, ref unfinished);
                metrics.AlertReceived(outcome.Kind);
                // A limited alert is not lost: Alertmanager delivers it again, and it starts once a slot is free.
                unavailable |= outcome is AlertOutcome.Unavailable or AlertOutcome.ConcurrencyLimited;
                answers[i] = AlertAnswer.From(alerts[i], outcome);
            }

            if (unfinished > 0)
            {
                LogNotInTime(logger, unfinished, alerts.Length, HumanDuration.Format(settings.AnswerTimeout));
            }

            var answer = new WebhookAnswer(answers);
            if (unavailable)
            {
                request.HttpContext.Response.Headers.RetryAfter = "10";
                return WebhookAnswerResult.Unavailable(answer);
            }

            return WebhookAnswerResult.Accepted(answer);
        }
    }

    private static AlertOutcome.Unavailable NotInTime(TimeSpan answerTimeout, ref int unfinished)
    {
        unfinished++;
        return new AlertOutcome.Unavailable($"not finished within Webhook:AnswerTimeout ({HumanDuration.Format(answerTimeout)}); deliver again");
    }

    /// <summary>
    /// The alerts' work stops a tenth before the answer is due: the rest is for cancelling what is in flight and
    /// writing the answer, so that it is out by Webhook:AnswerTimeout on a busy machine too.
    /// </summary>
    private static TimeSpan WorkBound(TimeSpan answerTimeout) => answerTimeout - (answerTimeout / 10);

    /// <summary>Refuses a body that is not JSON, then reads the body if a body-read slot is free.</summary>
    private static async Task<WebhookBodyReader.Result> ReadBodyAsync(HttpRequest request, WebhookCapacity capacity, long maxBytes, CancellationToken cancellationToken)
    {
        if (WebhookBodyReader.RefuseByHeaders(request) is { } refused)
        {
            return refused;
        }

        // Not a queue: a waiting request would be held by the slow bodies ahead of it, and Alertmanager retries a 503.
        if (!capacity.BodyReads.Wait(0, CancellationToken.None))
        {
            return new WebhookBodyReader.Result.Rejected(503, "Service Unavailable", "too many webhook bodies are being read at once (Webhook:MaxConcurrentBodyReads); deliver again");
        }

        try
        {
            return await WebhookBodyReader.ReadAsync(request, maxBytes, cancellationToken);
        }
        finally
        {
            capacity.BodyReads.Release();
        }
    }

    /// <summary>
    /// Alerts whose Job exists are answered from the Job cache at once; the others are remediated a few at a time
    /// within the time left. One outcome per alert, in order; null where an alert was not finished in time.
    /// </summary>
    private static async Task<AlertOutcome?[]> RemediateAllAsync(
        AlertContext[] alerts,
        IAlertRemediator remediator,
        WebhookCapacity capacity,
        WebhookOptions settings,
        TimeSpan timeLeft,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var finished = new AlertOutcome?[alerts.Length];
        List<int>? waiting = null;
        for (var i = 0; i < alerts.Length; i++)
        {
            if (remediator.FromJobCache(alerts[i]) is { } known)
            {
                // Routine re-sends: at Debug, since a line per re-send at Information would cost more than the answer.
                LogDeduplicated(logger, alerts[i].AlertName, alerts[i].Status, alerts[i].Fingerprint, known.ExistingJob);
                finished[i] = known;
            }
            else
            {
                (waiting ??= []).Add(i);
            }
        }

        if (waiting is null)
        {
            return finished;
        }

        var remediated = await BoundedDelivery.RunAsync(
            [.. waiting.Select(i => alerts[i])],
            (alert, token) => RemediateAsync(remediator, alert, logger, token),
            capacity.Remediations,
            settings.MaxConcurrentRemediationsPerDelivery,
            timeLeft,
            time,
            cancellationToken);
        for (var w = 0; w < waiting.Count; w++)
        {
            finished[waiting[w]] = remediated[w];
        }

        return finished;
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
        var outcome = await remediator.RemediateAsync(alert, cancellationToken);
        if (outcome is AlertOutcome.Deduplicated deduplicated)
        {
            LogDeduplicated(logger, alert.AlertName, alert.Status, alert.Fingerprint, deduplicated.ExistingJob);
        }
        else
        {
            LogOutcome(logger, alert.AlertName, alert.Status, outcome.Kind);
        }

        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Alertname} ({Status}): {Outcome}")]
    private static partial void LogOutcome(ILogger logger, string alertname, string status, string outcome);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert {Alertname} ({Status}, {Fingerprint}): deduplicated, Job {Job} exists")]
    private static partial void LogDeduplicated(ILogger logger, string alertname, string status, string fingerprint, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Unfinished} of {Alerts} alerts not finished within {AnswerTimeout}; asking Alertmanager to deliver again")]
    private static partial void LogNotInTime(ILogger logger, int unfinished, int alerts, string answerTimeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a webhook delivery: {StatusCode} {Title}: {Detail}")]
    private static partial void LogRefused(ILogger logger, int statusCode, string title, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The client stopped sending before its webhook body arrived: {Reason}")]
    private static partial void LogAbandoned(ILogger logger, string reason);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenFero.DaemonSet.Simulation.Faults;

namespace OpenFero.DaemonSet.Simulation.Hosting;

/// <summary>
/// <c>/simulation/*</c>: what a benchmark or a test in another process needs — the request counts, and
/// faults to set or clear. A fault is <c>{"fault":"503","verb":"patch","resource":"daemonsets","count":3}</c>
/// (a script) or <c>{"fault":"429","rate":0.2,"retryAfterSeconds":2,"seed":7}</c> (a rate).
/// </summary>
public static class SimulationControlApi
{
    public static void MapSimulationControl(this IEndpointRouteBuilder routes, FaultInjector faults, RequestCounter requests)
    {
        routes.MapGet("/simulation/requests", () => TypedResults.Json(new { total = requests.Total, byVerbAndResource = requests.Snapshot() }));
        routes.MapDelete("/simulation/requests", () =>
        {
            requests.Reset();
            return TypedResults.NoContent();
        });
        routes.MapPost("/simulation/faults", (HttpRequest request) => AddFaultAsync(request, faults));
        routes.MapDelete("/simulation/faults", () =>
        {
            faults.Clear();
            return TypedResults.NoContent();
        });
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> AddFaultAsync(HttpRequest request, FaultInjector faults)
    {
        try
        {
            if (await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) is not JsonObject body)
            {
                return Problem("expected a JSON object");
            }

            if (ParseFault(body) is not { } fault)
            {
                return Problem("fault must be one of 429, 500, 503, 409, reset, latency");
            }

            if (body["seed"]?.GetValue<int>() is { } seed)
            {
                faults.Seed(seed);
            }

            var match = new FaultMatch(body["verb"]?.GetValue<string>() ?? "*", body["resource"]?.GetValue<string>() ?? "*");
            if (body["count"]?.GetValue<int>() is { } count)
            {
                faults.Script(match, count, fault);
            }
            else if ((body["rate"]?.GetValue<double>() ?? 1.0) is var rate and >= 0 and <= 1)
            {
                faults.InjectRate(rate, fault, match);
            }
            else
            {
                return Problem("rate must be between 0 and 1");
            }

            return TypedResults.NoContent();
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or FormatException)
        {
            return Problem($"the fault could not be read: {error.Message}");
        }
    }

    private static Fault? ParseFault(JsonObject body) => body["fault"]?.GetValue<string>() switch
    {
        "429" => new Fault.TooManyRequests(body["retryAfterSeconds"]?.GetValue<int>() ?? 1),
        "500" => new Fault.ServerError(),
        "503" => new Fault.ServiceUnavailable(),
        "409" => new Fault.Conflict(),
        "reset" => new Fault.ConnectionReset(),
        "latency" => new Fault.Latency(TimeSpan.FromMilliseconds(body["milliseconds"]?.GetValue<int>() ?? 100)),
        _ => null,
    };

    private static ProblemHttpResult Problem(string detail) => TypedResults.Problem(detail, statusCode: 400);
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenFero.DaemonSet.Simulation.Faults;

namespace OpenFero.DaemonSet.Simulation.Hosting;

/// <summary>
/// <c>/simulation/*</c>: what a benchmark or a test in another process needs — the request counts, and
/// faults to set or clear.
/// </summary>
public static class SimulationControlApi
{
    public static void MapSimulationControl(this IEndpointRouteBuilder routes, FaultInjector faults, RequestCounter requests)
    {
        routes.MapGet("/simulation/requests", () => Results.Json(new { total = requests.Total, byVerbAndResource = requests.Snapshot() }));
        routes.MapDelete("/simulation/requests", () =>
        {
            requests.Reset();
            return Results.NoContent();
        });
        routes.MapPost("/simulation/faults", async (HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
            if (body is null)
            {
                return Results.Problem("expected a JSON object", statusCode: 400);
            }

            if (!TryParseFault(body, out var fault, out var error))
            {
                return Results.Problem(error, statusCode: 400);
            }

            var match = new FaultMatch(body["verb"]?.GetValue<string>() ?? "*", body["resource"]?.GetValue<string>() ?? "*");
            if (body["count"]?.GetValue<int>() is { } count)
            {
                faults.Script(match, count, fault!);
            }
            else
            {
                faults.InjectRate(body["rate"]?.GetValue<double>() ?? 1.0, fault!, match);
            }

            return Results.NoContent();
        });
        routes.MapDelete("/simulation/faults", () =>
        {
            faults.Clear();
            return Results.NoContent();
        });
    }

    private static bool TryParseFault(JsonObject body, out Fault? fault, out string? error)
    {
        error = null;
        fault = body["fault"]?.GetValue<string>() switch
        {
            "429" => new Fault.TooManyRequests(body["retryAfterSeconds"]?.GetValue<int>() ?? 1),
            "500" => new Fault.ServerError(),
            "503" => new Fault.ServiceUnavailable(),
            "409" => new Fault.Conflict(),
            "reset" => new Fault.ConnectionReset(),
            "latency" => new Fault.Latency(TimeSpan.FromMilliseconds(body["milliseconds"]?.GetValue<int>() ?? 100)),
            _ => null,
        };
        if (fault is null)
        {
            error = "fault must be one of 429, 500, 503, 409, reset, latency";
        }

        return fault is not null;
    }
}

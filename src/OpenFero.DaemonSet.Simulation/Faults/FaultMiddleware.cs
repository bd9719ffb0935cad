using Microsoft.AspNetCore.Http;
using OpenFero.DaemonSet.Simulation.Api;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Faults;

/// <summary>Counts every request, then lets the fault injector spoil it before the API server sees it.</summary>
public sealed class FaultMiddleware(RequestDelegate next, ResourceRegistry registry, RequestCounter counter, FaultInjector faults, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/simulation") || context.Request.Path.StartsWithSegments("/metrics"))
        {
            await next(context);
            return;
        }

        var request = RequestInfo.Of(context, registry);
        counter.Record(request.Verb, request.Resource);
        try
        {
            switch (faults.Next(request.Verb, request.Resource))
            {
                case null:
                    await next(context);
                    break;
                case Fault.Latency latency:
                    await Task.Delay(latency.Delay, time, context.RequestAborted);
                    await next(context);
                    break;
                case Fault.ConnectionReset:
                    context.Abort();
                    break;
                case Fault.TooManyRequests tooMany:
                    context.Response.Headers.RetryAfter = tooMany.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await ApiServer.WriteStatusAsync(context, new ApiException(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later"));
                    break;
                case Fault.ServerError:
                    await ApiServer.WriteStatusAsync(context, new ApiException(500, "InternalError", "Internal error occurred: injected fault"));
                    break;
                case Fault.ServiceUnavailable:
                    await ApiServer.WriteStatusAsync(context, new ApiException(503, "ServiceUnavailable", "the server is currently unable to handle the request"));
                    break;
                case Fault.Conflict:
                    await ApiServer.WriteStatusAsync(context, new ApiException(409, "Conflict",
                        $"Operation cannot be fulfilled on {request.Resource}: the object has been modified; please apply your changes to the latest version and try again"));
                    break;
            }
        }
        finally
        {
            counter.RecordFinished(request.Verb, request.Resource);
        }
    }
}

using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

/// <summary>The <c>Status</c> object the API server answers failures (and deletions of collections) with.</summary>
public static class StatusResponse
{
    public static JsonObject From(ApiException error)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = error.Message,
            ["reason"] = error.Reason,
            ["code"] = error.Code,
        };
        if (error.Type is not null || error.ObjectName is not null)
        {
            var details = new JsonObject();
            if (error.ObjectName is not null)
            {
                details["name"] = error.ObjectName;
            }

            if (error.Type is not null)
            {
                if (error.Type.Group.Length > 0)
                {
                    details["group"] = error.Type.Group;
                }

                details["kind"] = error.Type.Plural;
            }

            status["details"] = details;
        }

        return status;
    }
}

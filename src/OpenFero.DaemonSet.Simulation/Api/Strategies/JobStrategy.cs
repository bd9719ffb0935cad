using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api.Strategies;

/// <summary>Job defaults as the real API server sets them: one completion, backoffLimit 6, a controller-uid selector.</summary>
public sealed class JobStrategy : IResourceStrategy
{
    public void PrepareForCreate(JsonObject created)
    {
        var spec = created["spec"] as JsonObject
            ?? throw ApiException.Invalid(ResourceTypes.Jobs, created["metadata"]?["name"]?.GetValue<string>() ?? "", "spec: Required value");
        spec["backoffLimit"] ??= 6;
        spec["completions"] ??= 1;
        spec["parallelism"] ??= 1;
        spec["completionMode"] ??= "NonIndexed";
        spec["suspend"] ??= false;
        var uid = created["metadata"]!["uid"]!.GetValue<string>();
        var name = created["metadata"]!["name"]!.GetValue<string>();
        spec["selector"] ??= new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid } };
        var template = spec["template"] as JsonObject
            ?? throw ApiException.Invalid(ResourceTypes.Jobs, name, "spec.template: Required value");
        var templateMeta = template["metadata"] as JsonObject ?? [];
        template["metadata"] = templateMeta;
        var labels = templateMeta["labels"] as JsonObject ?? [];
        templateMeta["labels"] = labels;
        labels["batch.kubernetes.io/controller-uid"] = uid;
        labels["batch.kubernetes.io/job-name"] = name;
        labels["controller-uid"] = uid;
        labels["job-name"] = name;
        PodSpecDefaults.Apply(template["spec"]);
        var restartPolicy = template["spec"]?["restartPolicy"]?.GetValue<string>();
        if (restartPolicy is not ("Never" or "OnFailure"))
        {
            throw ApiException.Invalid(ResourceTypes.Jobs, name,
                $"spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"");
        }
    }

    public void PrepareForUpdate(JsonObject updated, JsonObject current)
    {
    }
}

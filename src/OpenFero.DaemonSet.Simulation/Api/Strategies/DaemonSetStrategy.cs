using System.Globalization;
using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api.Strategies;

/// <summary>
/// What the API server does to a DaemonSet: defaults (RollingUpdate, maxUnavailable 1, maxSurge 0,
/// revisionHistoryLimit 10, the template's container defaults of <see cref="PodSpecDefaults"/>), the rolling-update validation, and the template generation annotation that
/// goes up with every template change.
/// </summary>
public sealed class DaemonSetStrategy : IResourceStrategy
{
    public const string TemplateGenerationAnnotation = "deprecated.daemonset.template.generation";

    public void PrepareForCreate(JsonObject created)
    {
        ApplyDefaults(created);
        Validate(created);
        Annotations(created)[TemplateGenerationAnnotation] = "1";
    }

    public void PrepareForUpdate(JsonObject updated, JsonObject current)
    {
        ApplyDefaults(updated);
        Validate(updated);
        var previous = current["metadata"]?["annotations"]?[TemplateGenerationAnnotation]?.GetValue<string>();
        var generation = long.TryParse(previous, NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : 1;
        if (!JsonNode.DeepEquals(updated["spec"]?["template"], current["spec"]?["template"]))
        {
            generation++;
        }

        Annotations(updated)[TemplateGenerationAnnotation] = generation.ToString(CultureInfo.InvariantCulture);
    }

    private static void ApplyDefaults(JsonObject ds)
    {
        var spec = ds["spec"] as JsonObject ?? [];
        ds["spec"] = spec;
        var strategy = spec["updateStrategy"] as JsonObject ?? [];
        spec["updateStrategy"] = strategy;
        PodSpecDefaults.Apply(spec["template"]?["spec"]);
        strategy["type"] ??= "RollingUpdate";
        if (strategy["type"]!.GetValue<string>() == "RollingUpdate")
        {
            var rolling = strategy["rollingUpdate"] as JsonObject ?? [];
            strategy["rollingUpdate"] = rolling;
            rolling["maxUnavailable"] ??= 1;
            rolling["maxSurge"] ??= 0;
        }

        spec["revisionHistoryLimit"] ??= 10;
    }

    private static void Validate(JsonObject ds)
    {
        var name = ds["metadata"]?["name"]?.GetValue<string>() ?? "";
        var spec = ds["spec"]!;
        if (spec["selector"] is null)
        {
            throw ApiException.Invalid(ResourceTypes.DaemonSets, name, "spec.selector: Required value");
        }

        var strategy = spec["updateStrategy"]!;
        var type = strategy["type"]!.GetValue<string>();
        if (type is not ("RollingUpdate" or "OnDelete"))
        {
            throw ApiException.Invalid(ResourceTypes.DaemonSets, name,
                $"spec.updateStrategy.type: Unsupported value: \"{type}\": supported values: \"OnDelete\", \"RollingUpdate\"");
        }

        if (type != "RollingUpdate")
        {
            return;
        }

        var maxUnavailable = strategy["rollingUpdate"]!["maxUnavailable"]!;
        var maxSurge = strategy["rollingUpdate"]!["maxSurge"]!;
        var unavailableIsZero = IsZero(maxUnavailable);
        var surgeIsZero = IsZero(maxSurge);
        if (!unavailableIsZero && !surgeIsZero)
        {
            throw ApiException.Invalid(ResourceTypes.DaemonSets, name,
                $"spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: {maxSurge.ToJsonString()}: may not be set when maxUnavailable is non-zero");
        }

        if (unavailableIsZero && surgeIsZero)
        {
            throw ApiException.Invalid(ResourceTypes.DaemonSets, name,
                $"spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: {maxUnavailable.ToJsonString()}: cannot be 0 when maxSurge is 0");
        }
    }

    private static bool IsZero(JsonNode value) =>
        value.ToJsonString().Trim('"') is "0" or "0%";

    private static JsonObject Annotations(JsonObject obj)
    {
        var metadata = (JsonObject)obj["metadata"]!;
        if (metadata["annotations"] is not JsonObject annotations)
        {
            annotations = [];
            metadata["annotations"] = annotations;
        }

        return annotations;
    }
}

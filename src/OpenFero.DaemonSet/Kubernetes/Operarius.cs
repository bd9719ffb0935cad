using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace OpenFero.DaemonSet.Kubernetes;

/// <summary>OpenFero's Operarius (<c>openfero.io/v1alpha1</c>): which alerts it answers, and the Job it runs.</summary>
public sealed class Operarius : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "openfero.io";
    public const string Version = "v1alpha1";
    public const string Plural = "operariuses";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{Group}/{Version}";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Operarius";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public OperariusSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public OperariusStatus? Status { get; set; }
}

public sealed class OperariusSpec
{
    [JsonPropertyName("alertSelector")]
    public AlertSelector AlertSelector { get; set; } = new();

    [JsonPropertyName("jobTemplate")]
    public V1JobTemplateSpec JobTemplate { get; set; } = new();

    [JsonPropertyName("priority")]
    public int? Priority { get; set; }

    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    [JsonPropertyName("deduplication")]
    public DeduplicationSpec? Deduplication { get; set; }
}

public sealed class AlertSelector
{
    [JsonPropertyName("alertname")]
    public string Alertname { get; set; } = "";

    [JsonPropertyName("status")]
    public string Status { get; set; } = "firing";

    [JsonPropertyName("labels")]
    public Dictionary<string, string>? Labels { get; set; }
}

public sealed class DeduplicationSpec
{
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    [JsonPropertyName("ttl")]
    public int? Ttl { get; set; }
}

public sealed class OperariusStatus
{
    [JsonPropertyName("lastExecutionTime")]
    public DateTime? LastExecutionTime { get; set; }

    [JsonPropertyName("executionCount")]
    public int? ExecutionCount { get; set; }

    [JsonPropertyName("lastExecutedJobName")]
    public string? LastExecutedJobName { get; set; }

    [JsonPropertyName("lastExecutionStatus")]
    public string? LastExecutionStatus { get; set; }

    /// <summary>Not OpenFero's: how the last Job's run ended (rolledOut, declined, dryRun, notRolledOut, error, analyzed, held, situationChanged, expired).</summary>
    [JsonPropertyName("lastExecutionOutcome")]
    public string? LastExecutionOutcome { get; set; }

    /// <summary>Not OpenFero's: what the server found in the jobTemplate (<c>TemplatesValid</c>, <c>ShellSplicing</c>).</summary>
    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }
}

public sealed class OperariusList : IKubernetesObject<V1ListMeta>, IItems<Operarius>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{Operarius.Group}/{Operarius.Version}";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "OperariusList";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<Operarius> Items { get; set; } = [];
}

using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using OpenFero.DaemonSet.Simulation.Api.Strategies;
using OpenFero.DaemonSet.Simulation.Quotas;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Tests.Store;

/// <summary>The ResourceQuota admission at pod create, with Kubernetes' messages, word for word.</summary>
public sealed class QuotaAdmissionTests
{
    private readonly ClusterStore store = new ClusterStore(new FakeTimeProvider()).WithApiServerStrategies();

    public QuotaAdmissionTests() => store.Create(ResourceTypes.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "team" } });

    [Fact]
    public void A_pod_past_the_quota_is_forbidden_naming_only_the_exceeded_resource()
    {
        Quota("compute", ("pods", "10"), ("requests.cpu", "500m"), ("requests.memory", "1Gi"));
        store.Create(ResourceTypes.Pods, Pod("first", "400m", "256Mi"));

        var refused = Assert.Throws<ApiException>(() => store.Create(ResourceTypes.Pods, Pod("second", "200m", "256Mi")));

        Assert.Equal((403, "Forbidden"), (refused.Code, refused.Reason));
        Assert.Equal("pods \"second\" is forbidden: exceeded quota: compute, requested: requests.cpu=200m, used: requests.cpu=400m, limited: requests.cpu=500m", refused.Message);
    }

    [Fact]
    public void An_admitted_pod_is_charged_to_the_quota_at_once()
    {
        Quota("compute", ("pods", "10"), ("requests.memory", "1Gi"));

        store.Create(ResourceTypes.Pods, Pod("first", "100m", "256Mi"));

        var used = store.GetRequired(ResourceTypes.ResourceQuotas, "team", "compute").As<V1ResourceQuota>().Status.Used;
        Assert.Equal(("1", "256Mi"), (used["pods"].ToString(), used["requests.memory"].ToString()));
    }

    [Fact]
    public void A_quota_on_cpu_requests_refuses_a_container_that_declares_none()
    {
        Quota("compute", ("requests.cpu", "1"));

        var refused = Assert.Throws<ApiException>(() => store.Create(ResourceTypes.Pods, Pod("bare", null, "64Mi")));

        Assert.Equal("pods \"bare\" is forbidden: failed quota: compute: must specify requests.cpu for: bare", refused.Message);
    }

    [Fact]
    public void A_pod_outside_the_quotas_priority_class_scope_is_not_counted()
    {
        Quota("pods-limit", ("pods", "0"));
        var quota = store.GetRequired(ResourceTypes.ResourceQuotas, "team", "pods-limit").CloneJson();
        quota["spec"]!["scopeSelector"] = JsonNode.Parse("""{"matchExpressions":[{"scopeName":"PriorityClass","operator":"NotIn","values":["system-node-critical"]}]}""");
        store.Update(ResourceTypes.ResourceQuotas, quota);
        var critical = Pod("agent", "10m", "10Mi");
        critical["spec"]!["priorityClassName"] = "system-node-critical";

        store.Create(ResourceTypes.Pods, critical);

        Assert.Throws<ApiException>(() => store.Create(ResourceTypes.Pods, Pod("other", "10m", "10Mi")));
    }

    private void Quota(string name, params (string Resource, string Hard)[] hard)
    {
        var quota = new V1ResourceQuota
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "team" },
            Spec = new V1ResourceQuotaSpec { Hard = hard.ToDictionary(h => h.Resource, h => new ResourceQuantity(h.Hard)) },
        };
        ResourceQuotaController.Refresh(store, store.Create(ResourceTypes.ResourceQuotas, ClusterJson.From(quota)), store.Time.GetUtcNow());
    }

    private static JsonObject Pod(string name, string? cpu, string memory)
    {
        var requests = new Dictionary<string, ResourceQuantity> { ["memory"] = new(memory) };
        if (cpu is not null)
        {
            requests["cpu"] = new ResourceQuantity(cpu);
        }

        return ClusterJson.From(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "team" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = "app:1", Resources = new V1ResourceRequirements { Requests = requests } }] },
        });
    }
}

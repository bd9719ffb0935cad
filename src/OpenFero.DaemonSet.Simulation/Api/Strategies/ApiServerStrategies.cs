using OpenFero.DaemonSet.Simulation.Quotas;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api.Strategies;

public static class ApiServerStrategies
{
    /// <summary>Makes a store behave like the real API server for the kinds that have rules of their own, and admit pods within their namespace's quotas.</summary>
    public static ClusterStore WithApiServerStrategies(this ClusterStore store)
    {
        store.UseStrategy(ResourceTypes.DaemonSets, new DaemonSetStrategy());
        store.UseStrategy(ResourceTypes.Pods, new PodStrategy());
        store.UseStrategy(ResourceTypes.Jobs, new JobStrategy());
        store.UseStrategy(ResourceTypes.Namespaces, new NamespaceStrategy());
        store.UseStrategy(ResourceTypes.ResourceQuotas, new ResourceQuotaStrategy());
        store.UseAdmission(ResourceTypes.Pods, new ResourceQuotaAdmission());
        store.UseStrategy(ResourceTypes.CustomResourceDefinitions, new CustomResourceDefinitionStrategy(store.Time));
        return store;
    }
}

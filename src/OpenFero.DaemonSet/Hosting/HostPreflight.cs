using k8s;
using k8s.Exceptions;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Kubernetes;
using YamlDotNet.Core;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// What a host can check before it starts: its options are valid and its Kubernetes client can be made (the
/// kubeconfig exists and reads). Failing here, a mistake is one line (<see cref="UserError"/>) before anything runs.
/// </summary>
public static class HostPreflight
{
    public static void Check(IServiceProvider services)
    {
        services.GetService<IStartupValidator>()?.Validate();
        try
        {
            services.GetRequiredService<IKubernetes>();
        }
        catch (Exception unreadable) when (unreadable is YamlException or IOException or UnauthorizedAccessException)
        {
            var path = services.GetRequiredService<IOptions<KubernetesOptions>>().Value.Kubeconfig ?? "the kubeconfig";
            throw new KubeConfigException($"cannot read {path}: {UserError.OneLine(unreadable.Message)}", unreadable);
        }
    }
}

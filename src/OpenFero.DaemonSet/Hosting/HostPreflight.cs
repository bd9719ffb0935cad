using k8s;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// What a host can check before it starts: its options are valid and its Kubernetes client can be made (the
/// kubeconfig exists and reads). Failing here, a mistake is one line (<see cref="UserError"/>) before anything runs.
/// </summary>
public static class HostPreflight
{
    public static void Check(IServiceProvider services)
    {
        services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        services.GetRequiredService<IKubernetes>();
    }
}

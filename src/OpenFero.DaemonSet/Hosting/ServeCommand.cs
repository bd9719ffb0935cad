using Microsoft.Extensions.Options;

namespace OpenFero.DaemonSet.Hosting;

/// <summary><c>serve [--urls URL] [--kubeconfig PATH]</c>: the webhook server until stopped.</summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var mapped = args.Select(a => a == "--kubeconfig" ? "--Kubernetes:Kubeconfig" : a).ToArray();
        try
        {
            await using var app = ServerApp.Build(mapped);
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException invalid)
        {
            await Console.Error.WriteLineAsync($"configuration is not valid: {string.Join("; ", invalid.Failures)}");
            return 2;
        }
    }
}

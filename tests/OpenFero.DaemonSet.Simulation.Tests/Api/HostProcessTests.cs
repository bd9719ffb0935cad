using System.Diagnostics;

using k8s;

namespace OpenFero.DaemonSet.Simulation.Tests.Api;

/// <summary>The host as a user starts it: a process that serves a scenario and writes a kubeconfig, or refuses with exit code 2.</summary>
public sealed class HostProcessTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("--scenario healthy", "--kubeconfig is required")]
    [InlineData("--scenario no-such-scenario --kubeconfig {0}", "no-such-scenario")]
    [InlineData("--kubeconfig {0} --port seventy", "--port")]
    [InlineData("--kubeconfig", "--kubeconfig needs a value")]
    public async Task Bad_arguments_exit_2_with_a_message(string arguments, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("sim-host-").FullName;
        using var host = Start(string.Format(System.Globalization.CultureInfo.InvariantCulture, arguments, Path.Combine(folder, "kubeconfig")));
        var error = await host.StandardError.ReadToEndAsync(Cancel);
        await host.WaitForExitAsync(Cancel);

        Assert.Equal(2, host.ExitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_host_serves_the_scenario_and_writes_a_kubeconfig_that_points_at_it()
    {
        var folder = Directory.CreateTempSubdirectory("sim-host-").FullName;
        var kubeconfig = Path.Combine(folder, "kubeconfig");
        using var host = Start($"--scenario healthy --kubeconfig {kubeconfig}");
        try
        {
            var banner = await host.StandardOutput.ReadLineAsync(Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Cancel);
            var export = await host.StandardOutput.ReadLineAsync(Cancel);
            var config = k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
            using var client = new k8s.Kubernetes(config);
            var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: Cancel);

            Assert.Contains("serving at http://127.0.0.1:", banner, StringComparison.Ordinal);
            Assert.Equal($"export KUBECONFIG={kubeconfig}", export);
            Assert.NotEmpty(nodes.Items);
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync(Cancel);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_host_exits_0_within_5_s_of_SIGTERM()
    {
        var folder = Directory.CreateTempSubdirectory("sim-host-").FullName;
        using var host = Start($"--scenario stuck-rollout --kubeconfig {Path.Combine(folder, "kubeconfig")}");
        try
        {
            var banner = await host.StandardOutput.ReadLineAsync(Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Cancel);
            Assert.Contains("serving at http://127.0.0.1:", banner, StringComparison.Ordinal);
            _ = host.StandardOutput.ReadToEndAsync(Cancel);
            _ = host.StandardError.ReadToEndAsync(Cancel);

            using var kill = Process.Start("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(Cancel);
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            bound.CancelAfter(TimeSpan.FromSeconds(5));
            var exited = await host.WaitForExitAsync(bound.Token).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);

            Assert.True(exited, "the host was still running 5 s after SIGTERM");
            Assert.Equal(0, host.ExitCode);
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync(Cancel);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static Process Start(string arguments)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "OpenFero.DaemonSet.Simulation.dll");
        return Process.Start(new ProcessStartInfo("dotnet", $"{host} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        })!;
    }
}

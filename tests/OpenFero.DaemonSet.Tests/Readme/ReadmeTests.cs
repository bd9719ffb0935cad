using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Tests.Infrastructure;
using OpenFero.DaemonSet.Tests.Install;
using OpenFero.DaemonSet.Tests.Peers;

namespace OpenFero.DaemonSet.Tests.Readme;

/// <summary>
/// The README's command blocks marked runnable work as written, in order, from the repository's root: the playground
/// and what it says to do next, the simulated cluster with the server against it, and the install on a cluster. So the front door cannot drift
/// from what the programs do.
/// </summary>
public sealed class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));

    [Fact]
    public void Every_runnable_session_of_the_readme_has_a_test_that_runs_it()
    {
        Assert.Equal(["install", "playground", "standalone"], ReadmeBlocks.Sessions(Readme).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Marked_blocks_are_read_in_order_indented_or_not_with_continued_lines_joined_and_comments_as_expectations()
    {
        const string readme = """
            <!-- runnable: demo, keeps running -->
            ```
            server --port 1
            ```
            Not this one:
            ```
            rm -rf /
            ```
            1. In a list:
               <!-- runnable: demo -->
               ```sh
               export X="$(echo a)"
               kubectl get jobs -w
               kubectl get lease -l a=b \
                 -o name      # shows: lease, deleted
               ```
            """;

        var commands = ReadmeBlocks.Session(readme, "demo");

        Assert.Equal(["server --port 1", "export X=\"$(echo a)\"", "kubectl get jobs -w", "kubectl get lease -l a=b -o name"], commands.Select(c => c.Shell));
        Assert.Equal([true, false, false, false], commands.Select(c => c.KeepsRunning));
        Assert.Equal("X", commands[1].Export);
        Assert.True(commands[2].IsWatch);
        Assert.Equal(["lease", "deleted"], commands[3].Shows);
        Assert.Equal(["demo"], ReadmeBlocks.Sessions(readme));
    }

    [Fact]
    public async Task The_playground_and_what_it_says_to_do_next_work_as_written()
    {
        var folder = Directory.CreateTempSubdirectory("openfero-readme-").FullName;
        var port = PeerBinary.FreePort();
        var commands = ReadmeBlocks.Session(Readme, "playground");
        Assert.Contains(commands, c => c.KeepsRunning && c.Shell.Contains("src/OpenFero.DaemonSet.Playground", StringComparison.Ordinal));
        await using (var session = new ReadmeSession(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/tmp/openfero-playground/kubeconfig"] = Path.Combine(folder, "kubeconfig"),
            ["127.0.0.1:8080"] = $"127.0.0.1:{port}",
            ["--project src/OpenFero.DaemonSet.Playground"] = $"--project src/OpenFero.DaemonSet.Playground -- --kubeconfig {Path.Combine(folder, "kubeconfig")} --urls http://127.0.0.1:{port}",
        }))
        {
            foreach (var command in commands)
            {
                await session.RunAsync(command);
            }
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_simulated_cluster_and_the_server_against_it_work_as_written()
    {
        var port = PeerBinary.FreePort();
        var commands = ReadmeBlocks.Session(Readme, "standalone");
        Assert.Contains(commands, c => c.KeepsRunning && c.Shell.Contains("src/OpenFero.DaemonSet.Simulation", StringComparison.Ordinal));
        await using var session = new ReadmeSession(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["127.0.0.1:8080"] = $"127.0.0.1:{port}",
        });
        foreach (var command in commands)
        {
            await session.RunAsync(command);
        }
    }

    [Fact]
    public async Task The_install_commands_work_as_written_against_a_cluster()
    {
        var folder = Directory.CreateTempSubdirectory("openfero-readme-").FullName;
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy" }, TestContext.Current.CancellationToken);
        var kubeconfig = Path.Combine(folder, "kubeconfig");
        cluster.WriteKubeconfig(kubeconfig);
        var commands = ReadmeBlocks.Session(Readme, "install");
        Assert.Contains(commands, c => c.Shell.Contains("kubectl apply -k .", StringComparison.Ordinal));

        // The README asks for kube-prometheus-stack: the cluster has the Prometheus Operator's kinds.
        var kubectl = PeerBinary.Require("kubernetes-client", "kubectl");
        var crds = Path.Combine(RepositoryRoot.Path, "tests", "fixtures", "kube-prometheus-stack", "crds.yaml");
        (await ToolRun.RunAsync(kubectl, "--kubeconfig", kubeconfig, "apply", "-f", crds)).SucceededOutput();
        await using (var session = new ReadmeSession(new Dictionary<string, string>(StringComparer.Ordinal), new Dictionary<string, string>(StringComparer.Ordinal) { ["KUBECONFIG"] = kubeconfig }))
        {
            foreach (var command in commands)
            {
                await session.RunAsync(command);
            }
        }

        Directory.Delete(folder, recursive: true);
    }
}

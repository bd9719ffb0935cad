using System.Net;
using System.Net.Sockets;
using OpenFero.DaemonSet.Simulation.Faults;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Tests.Hosting;

/// <summary>
/// The executables as a person and a Job run them: help and version, every mistake one line and exit 2 (never a
/// stack trace, never an option silently ignored), and every verb configured from the same sources.
/// </summary>
public sealed class CommandLineTests
{
    private const string Product = "OpenFero.DaemonSet.dll";
    private const string Playground = "OpenFero.DaemonSet.Playground.dll";

    [Fact]
    public async Task Help_lists_the_verbs_and_exits_0()
    {
        var run = await ProgramRun.RunAsync(Product, ["--help"]);

        Assert.Equal(0, run.Exit);
        Assert.All(["Usage:", "serve", "analyze", "remediate"], word => Assert.Contains(word, run.Output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_verbs_help_shows_its_options_and_starts_nothing()
    {
        var run = await ProgramRun.RunAsync(Product, ["serve", "--help"]);

        Assert.Equal(0, run.Exit);
        Assert.All(["--urls URL", "--kubeconfig PATH", "--Section:Key value"], word => Assert.Contains(word, run.Output, StringComparison.Ordinal));
        Assert.DoesNotContain("listening", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Version_prints_the_version_and_exits_0()
    {
        var run = await ProgramRun.RunAsync(Product, ["--version"]);

        Assert.Equal(0, run.Exit);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Output);
    }

    [Theory]
    [InlineData("serve --authMode=bearer", "unknown option --authMode")]
    [InlineData("--authMethod oauth2", "-authMethod oauth2: expected none, basic or bearer")]
    [InlineData("-logLevel verbose", "-logLevel verbose: expected debug, info, warn, error or fatal")]
    [InlineData("-addr", "-addr needs a value")]
    [InlineData("analyze --namespace a --daemonset b --bogus", "unknown option --bogus")]
    [InlineData("analyze --namespace a --daemonset b --output yaml", "'yaml'")]
    [InlineData("analyze --namespace a", "--daemonset")]
    [InlineData("serve --urls", "--urls")]
    [InlineData("serve stray", "\"stray\"")]
    [InlineData("frobnicate", "unknown verb \"frobnicate\"")]
    public async Task An_unknown_option_or_a_bad_value_exits_2_with_one_line_naming_it_and_the_usage(string arguments, string naming)
    {
        var run = await ProgramRun.RunAsync(Product, arguments.Split(' '));

        run.AssertUserError(naming, "usage: OpenFero.DaemonSet");
    }

    [Fact]
    public async Task A_bad_setting_exits_2_with_one_line_naming_it_whichever_verb_reads_it()
    {
        var serve = await ProgramRun.RunAsync(Product, ["serve", "--Kubernetes:AttemptTimeout", "soon"]);
        var remediate = await ProgramRun.RunAsync(Product, ["remediate"], Target(("Runner__RolloutTimeout", "soon")));
        var allowList = await ProgramRun.RunAsync(Product, ["remediate"], Target(("Runner__BatchTimeout", "00:00:00")));

        serve.AssertUserError("Kubernetes:AttemptTimeout", "soon");
        remediate.AssertUserError("Runner:RolloutTimeout", "soon");
        allowList.AssertUserError("BatchTimeout");
    }

    [Fact]
    public async Task Every_verb_validates_every_settings_section()
    {
        // One ConfigMap feeds the server and its Jobs: a mistake in any section stops every verb at start.
        var serve = await ProgramRun.RunAsync(Product, ["serve", "--Runner:RolloutTimeout", "soon"]);
        var remediate = await ProgramRun.RunAsync(Product, ["remediate"], Target(("Webhook__MaxBodyBytes", "12")));
        var analyze = await ProgramRun.RunAsync(Product, ["analyze", "--namespace", "a", "--daemonset", "b", "--Auth:Mode", "Carrier"]);
        var prometheus = await ProgramRun.RunAsync(Product, ["remediate"], Target(("Prometheus__Url", "prometheus.monitoring:9090")));

        serve.AssertUserError("Runner:RolloutTimeout", "soon");
        remediate.AssertUserError("MaxBodyBytes");
        analyze.AssertUserError("Auth:Mode", "Carrier");
        prometheus.AssertUserError("Prometheus:Url", "prometheus.monitoring:9090");
    }

    [Fact]
    public async Task A_missing_or_unreadable_kubeconfig_exits_2_with_one_line()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"openfero-no-such-{Guid.NewGuid():N}", "kubeconfig");
        var garbled = Path.GetTempFileName();
        await File.WriteAllTextAsync(garbled, "clusters: [not yaml", TestContext.Current.CancellationToken);

        var serve = await ProgramRun.RunAsync(Product, ["serve", "--urls", "http://127.0.0.1:0", "--kubeconfig", missing]);
        var analyze = await ProgramRun.RunAsync(Product, ["analyze", "--namespace", "a", "--daemonset", "b", "--kubeconfig", missing]);
        var remediate = await ProgramRun.RunAsync(Product, ["remediate"], Target(("Kubernetes__Kubeconfig", missing)));
        var unreadable = await ProgramRun.RunAsync(Product, ["serve", "--urls", "http://127.0.0.1:0", "--kubeconfig", garbled]);

        Assert.All([serve, analyze, remediate], run => run.AssertUserError("kubeconfig", missing));
        unreadable.AssertUserError("kubeconfig", garbled);
        File.Delete(garbled);
    }

    [Fact]
    public async Task A_port_in_use_or_an_address_that_is_none_exits_2_with_one_line()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy" }, TestContext.Current.CancellationToken);
        using var kubeconfig = new TemporaryKubeconfig(cluster);
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var run = await ProgramRun.RunAsync(Product, ["serve", "--urls", url, "--kubeconfig", kubeconfig.Path]);
        var notAnAddress = await ProgramRun.RunAsync(Product, ["serve", "--urls", "localhost-8080", "--kubeconfig", kubeconfig.Path]);

        run.AssertUserError(url, "address already in use");
        notAnAddress.AssertUserError("--urls", "localhost-8080");
    }

    [Fact]
    public async Task An_unknown_playground_scenario_exits_2_with_one_line()
    {
        // Its own temporary folder: the playground writes its kubeconfig there.
        var temp = Directory.CreateTempSubdirectory("openfero-playground-").FullName;

        var run = await ProgramRun.RunAsync(Playground, ["--scenario", "no-such-scenario", "--urls", "http://127.0.0.1:0"], new Dictionary<string, string> { ["TMPDIR"] = temp });

        run.AssertUserError("no-such-scenario", "stuck-rollout");
        Directory.Delete(temp, recursive: true);
    }

    [Fact]
    public async Task Settings_on_the_command_line_pass_through_in_both_spellings()
    {
        await using var cluster = await FailingTwiceAsync();
        using var kubeconfig = new TemporaryKubeconfig(cluster);

        // Two 503s in a row: one retry is not enough, as the setting asks; the default four are.
        var run = await ProgramRun.RunAsync(Product, ["analyze", "--namespace", "logging", "--daemonset", "fluent-bit", "--Kubernetes:Kubeconfig", kubeconfig.Path, "--Kubernetes:MaxRetryAttempts=1"]);

        Assert.True(run.Exit == 4, $"exit {run.Exit}:\n{run.Output}\n{run.Errors}");
        Assert.Equal(2, cluster.Faults.Injected);
    }

    [Fact]
    public async Task Kubernetes_settings_from_the_environment_are_honoured_by_analyze()
    {
        await using var cluster = await FailingTwiceAsync();
        using var kubeconfig = new TemporaryKubeconfig(cluster);
        var analyze = new[] { "analyze", "--namespace", "logging", "--daemonset", "fluent-bit" };

        var oneRetry = await ProgramRun.RunAsync(Product, analyze, new Dictionary<string, string> { ["Kubernetes__Kubeconfig"] = kubeconfig.Path, ["Kubernetes__MaxRetryAttempts"] = "1" });
        cluster.Faults.Script(new FaultMatch("get", "daemonsets"), 2, new Fault.ServiceUnavailable());
        var defaults = await ProgramRun.RunAsync(Product, analyze, new Dictionary<string, string> { ["Kubernetes__Kubeconfig"] = kubeconfig.Path });

        Assert.True(oneRetry.Exit == 4, $"exit {oneRetry.Exit}:\n{oneRetry.Errors}");
        Assert.True(defaults.Exit == 0, $"exit {defaults.Exit}:\n{defaults.Errors}");
        Assert.Contains("DaemonSet logging/fluent-bit", defaults.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubernetes_settings_from_the_environment_are_honoured_by_remediate()
    {
        await using var cluster = await FailingTwiceAsync();
        using var kubeconfig = new TemporaryKubeconfig(cluster);
        var environment = Target(("Kubernetes__Kubeconfig", kubeconfig.Path), ("Kubernetes__MaxRetryAttempts", "1"), ("Runner__DryRun", "true"),
            ("OPENFERO_NAMESPACE", "logging"), ("OPENFERO_DAEMONSET", "fluent-bit"));

        var run = await ProgramRun.RunAsync(Product, ["remediate"], environment);

        Assert.True(run.Exit == 3, $"exit {run.Exit}:\n{run.Output}\n{run.Errors}");
        Assert.Contains("Kubernetes could not be reached", run.Errors, StringComparison.Ordinal);
        Assert.Equal(2, cluster.Faults.Injected);
    }

    /// <summary>A cluster whose next two reads of a DaemonSet answer 503.</summary>
    private static async Task<SimulatedCluster> FailingTwiceAsync()
    {
        var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "tainted-node" }, TestContext.Current.CancellationToken);
        cluster.Faults.Script(new FaultMatch("get", "daemonsets"), 2, new Fault.ServiceUnavailable());
        return cluster;
    }

    /// <summary>The remediate verb's environment in a Job: its target, and its termination message somewhere writable.</summary>
    private static Dictionary<string, string> Target(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["OPENFERO_NAMESPACE"] = "monitoring",
            ["OPENFERO_DAEMONSET"] = "node-exporter",
            ["Runner__TerminationMessagePath"] = Path.Combine(Path.GetTempPath(), "openfero-tests-no-termination-log", "termination-log"),
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return environment;
    }

    private sealed class TemporaryKubeconfig : IDisposable
    {
        private readonly string folder = Directory.CreateTempSubdirectory("openfero-cli-").FullName;

        public TemporaryKubeconfig(SimulatedCluster cluster)
        {
            Path = System.IO.Path.Combine(folder, "kubeconfig");
            cluster.WriteKubeconfig(Path);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(folder, recursive: true);
    }
}

using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Simulation.Scenarios;

HostArguments arguments;
try
{
    arguments = HostArguments.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

// Lives as long as the process: Ctrl+C and SIGTERM (through the host's lifetime) may fire at any point, even while exiting.
var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

SimulatedCluster cluster;
try
{
    cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = arguments.Scenario, Port = arguments.Port, Logging = true }, stop.Token);
}
catch (ScenarioNotFoundException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}
catch (IOException error)
{
    Console.Error.WriteLine($"cannot listen on 127.0.0.1:{arguments.Port}: {error.Message}");
    return 2;
}

await using (cluster)
{
    cluster.Stopping.Register(stop.Cancel);
    cluster.WriteKubeconfig(arguments.Kubeconfig);
    Console.WriteLine($"Simulated cluster ({arguments.Scenario ?? "empty"}) serving at {cluster.BaseAddress}");
    Console.WriteLine($"export KUBECONFIG={Path.GetFullPath(arguments.Kubeconfig)}");
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("Stopping the simulated cluster.");
    }
}

return 0;

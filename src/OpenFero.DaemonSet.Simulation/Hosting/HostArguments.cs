namespace OpenFero.DaemonSet.Simulation.Hosting;

/// <summary>The host's command line: <c>--scenario NAME|FILE --kubeconfig PATH [--port N]</c>.</summary>
public sealed record HostArguments(string? Scenario, string Kubeconfig, int Port)
{
    public const string Usage = "usage: OpenFero.DaemonSet.Simulation --scenario NAME|FILE --kubeconfig PATH [--port N]";

    public static HostArguments Parse(IReadOnlyList<string> args)
    {
        string? scenario = null;
        string? kubeconfig = null;
        var port = 0;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value\n{Usage}");
            switch (args[i])
            {
                case "--scenario":
                    scenario = value;
                    break;
                case "--kubeconfig":
                    kubeconfig = value;
                    break;
                case "--port" when int.TryParse(value, out var p) && p is >= 0 and <= 65535:
                    port = p;
                    break;
                default:
                    throw new ArgumentException($"unknown or invalid argument {args[i]} {value}\n{Usage}");
            }

            i++;
        }

        return new HostArguments(scenario, kubeconfig ?? throw new ArgumentException($"--kubeconfig is required\n{Usage}"), port);
    }
}

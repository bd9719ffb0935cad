using System.Net.Sockets;
using System.Text;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>
/// What held connections that declare a large body and send 15 bytes cost the server: three rounds of 1,000
/// such connections declaring 1 MiB, beside the same rounds declaring 2 KB, each against a fresh server process
/// whose resident memory (VmRSS) is read before and after every round.
/// </summary>
internal static class BodyMemoryBenchmark
{
    private const int Connections = 1000;
    private const int Rounds = 3;

    public static async Task RunAsync(string repositoryRoot)
    {
        var small = await RoundsAsync(repositoryRoot, 2 * 1024);
        var large = await RoundsAsync(repositoryRoot, 1024 * 1024);

        Console.WriteLine($"## Webhook body memory: {Rounds} rounds of {Connections:N0} held connections sending 15 bytes");
        Console.WriteLine($"declaring 2 KB:  RSS {Describe(small)}");
        Console.WriteLine($"declaring 1 MiB: RSS {Describe(large)}");
        Console.WriteLine($"growth 1 MiB vs 2 KB: {Measure.MiB(Growth(large))} vs {Measure.MiB(Growth(small))} = {(double)Growth(large) / Math.Max(1, Growth(small)):0.00}x (target <= 2x)");
    }

    private static async Task<List<long>> RoundsAsync(string repositoryRoot, long declared)
    {
        await using var server = await ServerProcess.StartAsync(repositoryRoot);
        var rss = new List<long> { server.RssBytes() };
        for (var round = 0; round < Rounds; round++)
        {
            var held = new List<TcpClient>();
            var head = Encoding.ASCII.GetBytes($"POST /alerts HTTP/1.1\r\nHost: {server.Url.Authority}\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\n\r\n{{\"version\":\"4\",");
            for (var i = 0; i < Connections; i++)
            {
                var client = new TcpClient();
                await client.ConnectAsync(server.Url.Host, server.Url.Port);
                await client.GetStream().WriteAsync(head);
                held.Add(client);
            }

            // Give the server a moment to take every request in, while the sockets stay open.
            await Task.Delay(TimeSpan.FromSeconds(1));
            rss.Add(server.RssBytes());
            foreach (var client in held)
            {
                client.Dispose();
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return rss;
    }

    private static long Growth(List<long> rss) => rss.Max() - rss[0];

    private static string Describe(List<long> rss) =>
        $"at start {Measure.MiB(rss[0])}, after each round {string.Join(", ", rss.Skip(1).Select(Measure.MiB))}; growth {Measure.MiB(Growth(rss))}";
}

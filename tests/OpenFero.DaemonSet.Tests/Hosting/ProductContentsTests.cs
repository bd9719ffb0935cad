using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Hosting;

namespace OpenFero.DaemonSet.Tests.Hosting;

/// <summary>
/// The product ships without the simulated cluster: its dependency manifest (what <c>dotnet publish</c> copies and the
/// runtime loads) names no simulator, while the playground's, which starts both, does.
/// </summary>
public sealed class ProductContentsTests
{
    private const string Simulator = "OpenFero.DaemonSet.Simulation";

    [Fact]
    public void The_product_depends_on_no_simulator_and_the_playground_does()
    {
        Assert.DoesNotContain(Simulator, Libraries("OpenFero.DaemonSet.deps.json"));
        Assert.DoesNotContain(typeof(ServerApp).Assembly.GetReferencedAssemblies(), reference => reference.Name == Simulator);
        Assert.Contains(Simulator, Libraries("OpenFero.DaemonSet.Playground.deps.json"));
    }

    /// <summary>The names of the libraries a deps.json lists (<c>"Name/1.0.0"</c>).</summary>
    private static List<string> Libraries(string depsFile)
    {
        var deps = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, depsFile)))!;
        return [.. deps["libraries"]!.AsObject().Select(library => library.Key.Split('/')[0])];
    }
}

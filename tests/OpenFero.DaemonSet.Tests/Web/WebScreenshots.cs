using Microsoft.Playwright;
using OpenFero.DaemonSet.Playground;
using OpenFero.DaemonSet.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OpenFero.DaemonSet.Tests.Web;

/// <summary>
/// The screenshots in docs/ (web-now.png, web-history.png, web-daemonset.png), taken of the stuck-rollout scenario
/// being remediated. Written to docs/ with UPDATE_SCREENSHOTS=1, else to a temporary folder: either way the pages
/// must reach what the pictures show.
/// </summary>
public sealed class WebScreenshots
{
    [Fact]
    public async Task The_three_pages_are_photographed_while_the_stuck_rollout_is_remediated()
    {
        await using var chromium = await Chromium.LaunchAsync();
        await using var host = await ServerHost.StartClusterAsync();
        host.Cluster.JobHandlers.Register(PlaygroundRunner.Image, new PlaygroundRunner(host.Kubeconfig, "monitoring").RunAsync);
        var server = await host.StartServerAsync("--Runner:AllowNamespaces", "monitoring");
        var folder = Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryRoot.Path, "docs")
            : Directory.CreateTempSubdirectory("openfero-web-").FullName;

        var daemonSet = await chromium.OpenAsync(server, "/daemonsets/monitoring/node-exporter");
        await Expect(daemonSet.Locator("li.node[data-node='node-2']")).ToHaveAttributeAsync("data-state", "failing");
        await Expect(daemonSet.Locator("#analysis pre")).ToBeVisibleAsync();
        await ShootAsync(daemonSet, folder, "web-daemonset.png");

        var now = await chromium.OpenAsync(server, "/");
        await Expect(now.Locator("#live")).ToHaveTextAsync("live");
        var job = (await (await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json")).JsonAsync())["alerts"]![0]!["job"]!.GetValue<string>();
        await Expect(now.Locator($"#running tr[data-job='{job}'] .progress")).ToBeVisibleAsync();
        await ShootAsync(now, folder, "web-now.png");

        var history = await chromium.OpenAsync(server, "/history");
        var row = history.Locator($"tr[data-job='{job}']");
        await Expect(row).ToContainTextAsync("rolledOut", new() { Timeout = 120_000 });
        await row.GetByRole(AriaRole.Button, new() { Name = "details" }).ClickAsync();
        await Expect(history.Locator($"tr[data-details-for='{job}'] pre.log")).ToContainTextAsync("successfully rolled out");
        await ShootAsync(history, folder, "web-history.png");

        Assert.All(new[] { "web-daemonset.png", "web-now.png", "web-history.png" }, file => Assert.True(new FileInfo(Path.Combine(folder, file)).Length > 10_000, file));
    }

    private static async Task ShootAsync(IPage page, string folder, string file)
    {
        // A click scrolls its table sideways into view; the picture shows each table from its first column.
        await page.EvaluateAsync("document.querySelectorAll('.scroll').forEach(region => region.scrollLeft = 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, file), FullPage = true });
    }
}

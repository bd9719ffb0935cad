using System.Net;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpenFero.DaemonSet.Playground;
using OpenFero.DaemonSet.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OpenFero.DaemonSet.Tests.Web;

/// <summary>The three pages in a real browser, against the real server and the simulated cluster's stuck-rollout scenario.</summary>
public sealed partial class WebPageTests
{
    private const string DaemonSetPage = "/daemonsets/monitoring/node-exporter";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_pages_ask_for_the_api_credentials_and_load_with_them()
    {
        await using var chromium = await Chromium.LaunchAsync();
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync("--Auth:Mode", "Basic", "--Auth:Username", "operator", "--Auth:Password", "pa55");

        var without = await server.GetAsync(new Uri("/", UriKind.Relative), Cancel);
        var page = await chromium.OpenAsync(server, "/", ("operator", "pa55"));

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal("Basic", without.Headers.WwwAuthenticate.Single().Scheme);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Now", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#live")).ToHaveTextAsync("live");
        await Expect(page.Locator("#running")).ToContainTextAsync("No remediation is running.");
    }

    [Fact]
    public async Task An_alert_posted_to_the_server_appears_on_the_history_and_now_pages_without_a_reload()
    {
        await using var chromium = await Chromium.LaunchAsync();
        await using var host = await ServerHost.StartClusterAsync();
        host.Cluster.JobHandlers.Register(PlaygroundRunner.Image, new PlaygroundRunner(host.Kubeconfig, "monitoring").RunAsync);
        var server = await host.StartServerAsync("--Runner:AllowNamespaces", "monitoring");
        var history = await chromium.OpenAsync(server, "/history");
        var now = await chromium.OpenAsync(server, "/");
        await Expect(history.Locator("#history")).ToContainTextAsync("No remediation recorded yet.");
        await Expect(history.Locator("#live")).ToHaveTextAsync("live");
        await Expect(now.Locator("#live")).ToHaveTextAsync("live");
        // Marks the documents: a reload would lose the mark.
        await history.EvaluateAsync("window.sameDocument = true");
        await now.EvaluateAsync("window.sameDocument = true");

        var job = (await (await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json")).JsonAsync())["alerts"]![0]!["job"]!.GetValue<string>();

        var row = history.Locator($"tr[data-job='{job}']");
        await Expect(row).ToContainTextAsync("monitoring/node-exporter");
        await Expect(row).ToContainTextAsync("KubeDaemonSetRolloutStuck");
        await Expect(row).ToContainTextAsync("rolledOut", new() { Timeout = 120_000 });
        await Expect(row).ToContainTextAsync("1 old-revision pod cannot run: TerminatingTooLong on node-2");
        await Expect(now.Locator($"tr[data-job='{job}']")).ToContainTextAsync("rolledOut");
        Assert.True(await history.EvaluateAsync<bool>("window.sameDocument === true"));
        Assert.True(await now.EvaluateAsync<bool>("window.sameDocument === true"));

        await row.GetByRole(AriaRole.Button, new() { Name = "details" }).ClickAsync();
        await Expect(history.Locator($"tr[data-details-for='{job}'] pre.log")).ToContainTextAsync("RemediationPlanned");
        await Expect(history.Locator($"tr[data-details-for='{job}'] pre.log")).ToContainTextAsync("successfully rolled out");
    }

    [Fact]
    public async Task The_daemonset_page_shows_the_stuck_node_as_failing_on_the_node_map_and_says_why()
    {
        await using var chromium = await Chromium.LaunchAsync();
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync();

        var page = await chromium.OpenAsync(server, DaemonSetPage);

        var stuck = page.Locator("li.node[data-node='node-2']");
        await Expect(stuck).ToHaveAttributeAsync("data-state", "failing");
        await Expect(stuck).ToContainTextAsync("failing");
        await Expect(stuck).ToHaveAttributeAsync("aria-label", StuckNodeLabel());
        await Expect(page.Locator("li.node[data-state='old']")).ToHaveCountAsync(3);
        await Expect(page.Locator("#verdict")).ToContainTextAsync("1 old-revision pod cannot run: TerminatingTooLong on node-2");
        await Expect(page.Locator("#analysis pre")).ToContainTextAsync("Waiting for the old pod to go:");
        await Expect(page.Locator("#rollout")).ToContainTextAsync("0/4 updated");
    }

    [Theory]
    [InlineData("/", "#recent table")]
    [InlineData("/history", "#history table")]
    [InlineData(DaemonSetPage, "#analysis pre")]
    public async Task A_page_has_no_accessibility_violations_on_a_desktop_or_a_phone(string path, string loaded)
    {
        await using var chromium = await Chromium.LaunchAsync();
        await using var host = await ServerHost.StartClusterAsync();
        host.Cluster.JobHandlers.Register(PlaygroundRunner.Image, (_, _) => Task.FromResult(0));
        var server = await host.StartServerAsync();
        await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");

        foreach (var width in new[] { 1280, 390 })
        {
            var page = await chromium.OpenAsync(server, path, width: width);
            await Expect(page.Locator(loaded)).ToBeVisibleAsync();
            await Expect(page.Locator("#live")).ToHaveTextAsync("live");

            var results = await page.RunAxe();

            Assert.True(results.Violations.Length == 0, $"{path} at {width}px: " + string.Join("\n", results.Violations.Select(v =>
                $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
            await page.Context.CloseAsync();
        }
    }

    [GeneratedRegex("^node-2: failing, .*TerminatingTooLong")]
    private static partial Regex StuckNodeLabel();
}

using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpenFero.DaemonSet.Tests.Approval;
using OpenFero.DaemonSet.Tests.Infrastructure;
using OpenFero.DaemonSet.Tests.Peers;
using static Microsoft.Playwright.Assertions;

namespace OpenFero.DaemonSet.Tests.Web;

/// <summary>
/// The Now page's approval in a real browser: a Job waiting with its plan, approved with a click, followed live until
/// it ends and until it is deleted, or declined with the command the page shows. With UPDATE_SCREENSHOTS=1 it photographs the waiting Job for docs/web-approval.png.
/// </summary>
public sealed class WebApprovalTests
{
    [Fact]
    public async Task A_waiting_remediation_shows_its_plan_on_the_now_page_and_runs_live_once_approved_there()
    {
        await using var chromium = await Chromium.LaunchAsync();
        var world = await ApprovalWorld.StartAsync();
        await using var host = world.Host;
        var server = await host.StartServerAsync("--Remediation:Approval", "Required");
        var now = await chromium.OpenAsync(server, "/");
        await Expect(now.Locator("#live")).ToHaveTextAsync("live");
        await Expect(now.Locator("#approvals")).ToContainTextAsync("No remediation waits for approval.");
        await now.EvaluateAsync("window.sameDocument = true");

        var (_, job, plan) = await ApprovalWorld.AlertAsync(server);

        var waiting = now.Locator($"#approvals tr[data-job='{job}']");
        await Expect(waiting).ToContainTextAsync("monitoring/node-exporter");
        await Expect(waiting).ToContainTextAsync("KubeDaemonSetRolloutStuck");
        await Expect(waiting.Locator("td.plan")).ToHaveTextAsync(plan!);
        await Expect(waiting).ToContainTextAsync($"kubectl delete job {job} -n openfero");
        var axe = await now.RunAxe();
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));

        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            await now.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot.Path, "docs", "web-approval.png"), FullPage = true });
        }

        await waiting.GetByRole(AriaRole.Button, new() { Name = $"Approve {job}" }).ClickAsync();

        await Expect(now.Locator("#approval-status")).ToContainTextAsync($"{job} approved");
        await Expect(waiting).ToHaveCountAsync(0);
        await Expect(now.Locator($"#recent tr[data-job='{job}']")).ToContainTextAsync("rolledOut", new() { Timeout = 120_000 });
        Assert.Equal("rolledOut", await world.OutcomeAsync(job!));

        // Deleted after it ended (as its TTL does): it leaves the history, and the page, without a reload.
        await new Kubectl(host.Kubeconfig).OutputAsync("delete", "job", job!, "-n", "openfero", "--wait=false");
        await Expect(now.Locator($"#recent tr[data-job='{job}']")).ToHaveCountAsync(0);
        Assert.True(await now.EvaluateAsync<bool>("window.sameDocument === true"));
    }

    [Fact]
    public async Task A_waiting_remediation_declined_with_the_command_the_page_shows_leaves_the_approvals_and_ends_declined_live()
    {
        await using var chromium = await Chromium.LaunchAsync();
        var world = await ApprovalWorld.StartAsync();
        await using var host = world.Host;
        var server = await host.StartServerAsync("--Remediation:Approval", "Required");
        var now = await chromium.OpenAsync(server, "/");
        await Expect(now.Locator("#live")).ToHaveTextAsync("live");
        await now.EvaluateAsync("window.sameDocument = true");

        var (_, job, _) = await ApprovalWorld.AlertAsync(server);
        var waiting = now.Locator($"#approvals tr[data-job='{job}']");
        var decline = (await waiting.Locator("code").TextContentAsync())!.Split(' ');
        await new Kubectl(host.Kubeconfig).OutputAsync([.. decline.Skip(1), "--wait=false"]);

        await Expect(waiting).ToHaveCountAsync(0);
        await Expect(now.Locator($"#recent tr[data-job='{job}']")).ToContainTextAsync("declined");
        Assert.Equal(["kubectl", "delete", "job", job!, "-n", "openfero"], decline);
        Assert.True(await now.EvaluateAsync<bool>("window.sameDocument === true"));
    }
}

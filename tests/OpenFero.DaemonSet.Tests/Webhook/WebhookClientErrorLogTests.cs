using System.Net;
using System.Text;
using OpenFero.DaemonSet.Tests.Infrastructure;
using Serilog.Events;

namespace OpenFero.DaemonSet.Tests.Webhook;

public sealed class WebhookClientErrorLogTests
{
    [Fact]
    public async Task Bodies_refused_for_the_clients_fault_are_logged_at_information_one_line_each_without_a_stack()
    {
        await using var host = await ServerHost.StartClusterAsync();
        await using var server = await ServerWithServices.StartAsync(host, ["--Webhook:MaxBodyBytes", "4096"]);
        var cancel = TestContext.Current.CancellationToken;

        var wrongType = await server.Client.PostAsync(new Uri("/alerts", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "text/plain"), cancel);
        var malformed = await server.Client.PostJsonAsync("{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",");
        var tooLarge = await server.Client.PostJsonAsync("{\"version\":\"4\",\"alerts\":[],\"pad\":\"" + new string('x', 5000) + "\"}");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        // The wrong content type is refused by routing (the endpoint accepts only JSON) before the handler runs.
        await Eventually.ReachesAsync(() => server.Logs.Events, events => CapturedLogs.Containing(events, "Refused a webhook delivery").Count == 2,
            "one log line for each of the two refused bodies", describe: events => "the log:\n" + CapturedLogs.Describe(events));
        Assert.All(server.Logs.Containing("Refused a webhook delivery"), e =>
        {
            Assert.Equal(LogEventLevel.Information, e.Level);
            Assert.Null(e.Exception);
        });
        Assert.DoesNotContain(server.Logs.Events, e => e.Exception is not null || e.Level >= LogEventLevel.Error);
    }

    [Fact]
    public async Task A_client_that_hangs_up_mid_body_is_logged_as_one_quiet_line_never_an_error()
    {
        await using var host = await ServerHost.StartClusterAsync();
        await using var server = await ServerWithServices.StartAsync(host, []);

        using (await RawConnection.SendPartialAsync(server.Address, 1024 * 1024, "{\"version\":\"4\",\""))
        {
        }

        await Eventually.ReachesAsync(() => server.Logs.Events, events => CapturedLogs.Containing(events, "before its webhook body arrived").Count == 1,
            "one line saying the client went away mid-body", describe: events => "the log:\n" + CapturedLogs.Describe(events));
        Assert.All(server.Logs.Containing("before its webhook body arrived"), e =>
        {
            Assert.True(e.Level <= LogEventLevel.Information, $"logged at {e.Level}");
            Assert.Null(e.Exception);
        });
        Assert.DoesNotContain(server.Logs.Events, e => e.Exception is not null || e.Level >= LogEventLevel.Error);
    }
}

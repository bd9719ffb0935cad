using System.Net;
using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Tests.Approval;
using OpenFero.DaemonSet.Web;

namespace OpenFero.DaemonSet.Tests.Web;

/// <summary><c>POST /api/remediations/{job}/approve</c> against the simulated cluster with the real runner: the web page's Approve button.</summary>
public sealed class ApproveApiTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Approving_a_waiting_job_runs_it_to_rolled_out_and_a_second_approval_is_a_conflict()
    {
        var world = await ApprovalWorld.StartAsync();
        await using var host = world.Host;
        var server = await host.StartServerAsync("--Remediation:Approval", "Required");
        var (_, job, plan) = await ApprovalWorld.AlertAsync(server);
        var waiting = await ApprovalWorld.HistoryAsync(server, job!);

        var approved = await ApproveAsync(server, job!);
        var record = JsonNode.Parse(await approved.Content.ReadAsStringAsync(Cancel))!;
        var again = await ApproveAsync(server, job!);
        var ended = await world.OutcomeAsync(job!);

        Assert.Equal(("awaitingApproval", plan), (waiting["state"]!.GetValue<string>(), waiting["plan"]?.GetValue<string>()));
        Assert.NotNull(waiting["expires"]);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(job, record["job"]!.GetValue<string>());
        Assert.NotEqual("awaitingApproval", record["state"]!.GetValue<string>());
        Assert.False((await world.JobAsync(job!)).Spec.Suspend ?? false);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"job openfero/{job} is not waiting for approval: it is not suspended (approved already, or never asked)", await DetailAsync(again));
        Assert.Equal("rolledOut", ended);
    }

    [Fact]
    public async Task An_unknown_job_is_not_found_and_an_approval_without_the_header_is_refused_and_changes_nothing()
    {
        var world = await ApprovalWorld.StartAsync();
        await using var host = world.Host;
        var server = await host.StartServerAsync("--Remediation:Approval", "Required");
        var (_, job, _) = await ApprovalWorld.AlertAsync(server);

        var unknown = await ApproveAsync(server, "no-such-job");
        var withoutHeader = await server.PostAsync(new Uri($"/api/remediations/{job}/approve", UriKind.Relative), null, Cancel);
        var formLike = await server.PostAsync(new Uri($"/api/remediations/{job}/approve", UriKind.Relative),
            new FormUrlEncodedContent([new("approve", "yes")]), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("job openfero/no-such-job not found", await DetailAsync(unknown));
        Assert.Equal(HttpStatusCode.BadRequest, withoutHeader.StatusCode);
        Assert.Contains($"header {ApproveApi.Header}: {ApproveApi.HeaderValue} is required", await DetailAsync(withoutHeader), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, formLike.StatusCode);
        Assert.True((await world.JobAsync(job!)).Spec.Suspend);
    }

    [Fact]
    public async Task The_openapi_document_lists_each_answer_of_the_approval()
    {
        var world = await ApprovalWorld.StartAsync("healthy");
        await using var host = world.Host;
        var server = await host.StartServerAsync();

        var document = JsonNode.Parse(await server.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancel))!;

        var responses = document["paths"]?["/api/remediations/{job}/approve"]?["post"]?["responses"]?.AsObject();
        Assert.NotNull(responses);
        Assert.Equal(["200", "400", "404", "409", "503"], responses.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal("#/components/schemas/RemediationRecord", responses["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.All(["400", "404", "409", "503"], code => Assert.NotNull(responses[code]!["content"]!["application/problem+json"]));
    }

    private static Task<HttpResponseMessage> ApproveAsync(HttpClient server, string job)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/remediations/{job}/approve", UriKind.Relative));
        request.Headers.Add(ApproveApi.Header, ApproveApi.HeaderValue);
        return server.SendAsync(request, Cancel);
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage answer) =>
        JsonNode.Parse(await answer.Content.ReadAsStringAsync(Cancel))?["detail"]?.GetValue<string>();
}

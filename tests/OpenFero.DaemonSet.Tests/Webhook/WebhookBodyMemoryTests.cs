using System.Text;
using Microsoft.AspNetCore.Http;
using OpenFero.DaemonSet.Webhook;

namespace OpenFero.DaemonSet.Tests.Webhook;

public sealed class WebhookBodyMemoryTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task A_body_declared_as_a_mebibyte_that_brings_fifteen_bytes_allocates_for_what_arrived_not_for_the_declaration()
    {
        await ReadAsync(Request("{\"version\":\"4\"}", declared: 15));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = await ReadAsync(Request("{\"version\":\"4\"", declared: MiB));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.IsType<WebhookBodyReader.Result.Rejected>(result);
        Assert.True(allocated < 64 * 1024, $"reading 15 bytes declared as 1 MiB allocated {allocated} bytes");
    }

    [Fact]
    public async Task A_body_that_grows_past_its_first_buffer_is_read_whole()
    {
        var alerts = string.Join(",", Enumerable.Range(0, 400).Select(i =>
            $$"""{"status":"firing","labels":{"alertname":"A{{i}}"},"startsAt":"2026-11-22T22:38:45Z","fingerprint":"f{{i}}"}"""));
        var body = $$"""{"version":"4","groupKey":"{}","alerts":[{{alerts}}]}""";

        var result = await ReadAsync(Request(body, declared: null));

        Assert.Equal(400, Assert.IsType<WebhookBodyReader.Result.Read>(result).Webhook.Alerts!.Count);
    }

    [Fact]
    public async Task A_declared_length_above_the_limit_is_refused_with_413_before_a_byte_is_read()
    {
        var result = await ReadAsync(Request("{}", declared: 2 * MiB));

        Assert.Equal(413, Assert.IsType<WebhookBodyReader.Result.Rejected>(result).StatusCode);
    }

    private static Task<WebhookBodyReader.Result> ReadAsync(HttpRequest request) =>
        WebhookBodyReader.ReadAsync(request, MiB, TestContext.Current.CancellationToken);

    private static HttpRequest Request(string body, long? declared)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = declared;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return context.Request;
    }
}

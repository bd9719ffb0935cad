using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Webhook;

namespace OpenFero.DaemonSet.Tests.Webhook;

public sealed class WebhookAnswerResultTests
{
    [Theory]
    [InlineData(202)]
    [InlineData(503)]
    public async Task The_answer_is_the_json_the_server_options_write_with_its_content_length(int statusCode)
    {
        var answer = new WebhookAnswer(
        [
            new AlertAnswer("bf3f", "Kube\"Stuck\" <&> é", "firing", new DaemonSetTarget("monitoring", "node-exporter"), "op", "deduplicated", "job-1", "Job \"job-1\" exists")
            {
                Warnings = ["labels NAMESPACE and namespace both map to OPENFERO_NAMESPACE; namespace wins"],
            },
            new AlertAnswer("c0ff", "A", "resolved", null, null, "noTarget", null, null),
        ]);
        // The server's HTTP JSON options (ServerApp): web defaults, the generated context, relaxed escaping.
        var serverOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        serverOptions.TypeInfoResolverChain.Insert(0, WebhookJsonContext.Default);
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;

        await new WebhookAnswerResult(answer, statusCode).ExecuteAsync(context);
        await context.Response.BodyWriter.FlushAsync(TestContext.Current.CancellationToken);

        var expected = JsonSerializer.Serialize(answer, serverOptions);
        Assert.Equal(expected, Encoding.UTF8.GetString(body.ToArray()));
        Assert.Contains("\"Kube\\\"Stuck\\\" <&> é\"", expected);
        Assert.Equal(statusCode, context.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
        Assert.Equal(body.Length, context.Response.ContentLength);
    }
}

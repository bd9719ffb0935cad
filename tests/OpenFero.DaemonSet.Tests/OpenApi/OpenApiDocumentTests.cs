using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.OpenApi;

/// <summary><c>GET /openapi/v1.json</c> from a running server: every answer each endpoint gives, and who may call it.</summary>
public sealed class OpenApiDocumentTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_endpoint_documents_each_answer_it_can_give()
    {
        var document = await DocumentAsync("--Auth:Mode", "Bearer", "--Auth:Token", "s3cret");

        var analysis = Responses(document, "/api/daemonsets/{namespace}/{name}/analysis", "get");
        Assert.Equal(["200", "400", "401", "404", "503"], Codes(analysis));
        Assert.Equal("#/components/schemas/DaemonSetReport", analysis["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("string", analysis["200"]!["content"]!["text/plain"]!["schema"]!["type"]!.GetValue<string>());
        Assert.All(["400", "404", "503"], code => Assert.NotNull(analysis[code]!["content"]!["application/problem+json"]));

        Assert.Equal(["200", "400", "401", "503"], Codes(Responses(document, "/api/remediations", "get")));

        var alerts = Responses(document, "/alerts", "post");
        Assert.Equal(["202", "400", "401", "413", "415", "503"], Codes(alerts));
        Assert.Equal("#/components/schemas/WebhookAnswer", alerts["202"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/WebhookAnswer", alerts["503"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.NotNull(alerts["503"]!["content"]!["application/problem+json"]);

        Assert.Equal(["200"], Codes(Responses(document, "/healthz", "get")));
        Assert.Equal(["200", "503"], Codes(Responses(document, "/readyz", "get")));
        Assert.Equal(["200", "401"], Codes(Responses(document, "/metrics", "get")));
    }

    [Fact]
    public async Task The_report_schema_names_its_enums_and_ages_as_the_report_writes_them()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!;

        Assert.Contains("rolledOut", schemas["VerdictCause"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("terminatingTooLong", schemas["PodCondition"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        var pod = schemas["PodReport"]!["properties"]!;
        Assert.Equal("string", pod["phase"]!["type"]!.GetValue<string>());
        Assert.Equal("boolean", pod["terminating"]!["type"]!.GetValue<string>());
        Assert.NotNull(pod["status"]);
        Assert.Null(pod["age"]!["pattern"]);
    }

    [Theory]
    [InlineData("Basic", "basic", "--Auth:Username", "alertmanager", "--Auth:Password", "s3cret")]
    [InlineData("Bearer", "bearer", "--Auth:Token", "s3cret")]
    public async Task With_credentials_on_the_document_declares_the_scheme_and_requires_it_except_for_the_probes(string mode, string scheme, params string[] secrets)
    {
        var document = await DocumentAsync(["--Auth:Mode", mode, .. secrets]);

        var declared = Assert.Single(document["components"]!["securitySchemes"]!.AsObject());
        Assert.Equal(scheme, declared.Key);
        Assert.Equal(("http", scheme), (declared.Value!["type"]!.GetValue<string>(), declared.Value["scheme"]!.GetValue<string>()));
        var required = Assert.Single(document["security"]!.AsArray());
        Assert.Equal(scheme, Assert.Single(required!.AsObject()).Key);
        Assert.Empty(document["paths"]!["/healthz"]!["get"]!["security"]!.AsArray());
        Assert.Empty(document["paths"]!["/readyz"]!["get"]!["security"]!.AsArray());
    }

    [Fact]
    public async Task Without_credentials_the_document_declares_no_scheme_and_no_401()
    {
        var document = await DocumentAsync();

        Assert.Null(document["components"]!["securitySchemes"]);
        Assert.Null(document["security"]);
        Assert.Null(Responses(document, "/api/remediations", "get")["401"]);
    }

    private static async Task<JsonNode> DocumentAsync(params string[] settings)
    {
        await using var host = await ServerHost.StartClusterAsync("healthy");
        var server = await host.StartServerAsync(settings);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/openapi/v1.json", UriKind.Relative));
        var credentials = Credentials(settings);
        if (credentials is not null)
        {
            request.Headers.Authorization = credentials;
        }

        using var response = await server.SendAsync(request, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    private static AuthenticationHeaderValue? Credentials(string[] settings)
    {
        string? Setting(string key) => settings.SkipWhile(s => s != key).Skip(1).FirstOrDefault();
        return Setting("--Auth:Mode") switch
        {
            "Bearer" => new AuthenticationHeaderValue("Bearer", Setting("--Auth:Token")),
            "Basic" => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Setting("--Auth:Username")}:{Setting("--Auth:Password")}"))),
            _ => null,
        };
    }

    private static JsonObject Responses(JsonNode document, string path, string method) =>
        document["paths"]?[path]?[method]?["responses"]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"no {method} {path} in the document");

    private static string[] Codes(JsonObject responses) => [.. responses.Select(r => r.Key).Order(StringComparer.Ordinal)];
}

using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Webhook;

namespace OpenFero.DaemonSet.Tests.OpenFeroCompatibility;

/// <summary>OpenFero's flags, in every spelling Go's flag package takes, become this server's settings with the same meaning.</summary>
public sealed class OpenFeroFlagsTests
{
    [Theory]
    [InlineData("-addr=:8080", "--urls http://0.0.0.0:8080")]
    [InlineData("--addr 127.0.0.1:9000", "--urls http://127.0.0.1:9000")]
    [InlineData("-logLevel debug", "--Serilog:MinimumLevel:Default Debug")]
    [InlineData("--logLevel=warn", "--Serilog:MinimumLevel:Default Warning")]
    [InlineData("-kubeconfig /k/config", "--kubeconfig /k/config")]
    [InlineData("--kubeconfig /k/config", "--kubeconfig /k/config")]
    [InlineData("-readTimeout=5", "--Kestrel:Limits:RequestHeadersTimeout 00:00:05")]
    [InlineData("-writeTimeout 10", "--Webhook:AnswerTimeout 00:00:10")]
    [InlineData("-authMethod=bearer -authBearerToken=s3cret", "--Auth:Mode Bearer --Auth:Token s3cret")]
    [InlineData("--authMethod basic --authBasicUser am --authBasicPass pw", "--Auth:Mode Basic --Auth:Username am --Auth:Password pw")]
    [InlineData("-operariusNamespace=remediation", "--Remediation:OperariusNamespace remediation")]
    [InlineData("-alertStoreType=memberlist -alertStoreSize 10", "--OpenFero:IgnoredFlags:alertStoreType memberlist --OpenFero:IgnoredFlags:alertStoreSize 10")]
    [InlineData("serve --urls http://127.0.0.1:1 --Auth:Mode None", "serve --urls http://127.0.0.1:1 --Auth:Mode None")]
    public void An_openfero_flag_becomes_the_setting_with_its_meaning(string given, string expected)
    {
        var translated = OpenFeroFlags.Translate(given.Split(' '), out var problem);

        Assert.Null(problem);
        Assert.Equal(expected, string.Join(' ', translated));
    }

    [Fact]
    public async Task The_timeouts_reach_the_servers_settings()
    {
        await using var app = ServerApp.Build(OpenFeroFlags.Translate(["-readTimeout=7", "-writeTimeout=9", "--urls", "http://127.0.0.1:0"], out _));

        Assert.Equal(TimeSpan.FromSeconds(7), app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.RequestHeadersTimeout);
        Assert.Equal(TimeSpan.FromSeconds(9), app.Services.GetRequiredService<IOptions<WebhookOptions>>().Value.AnswerTimeout);
    }

    [Theory]
    [InlineData("-authMethod oauth2", "-authMethod oauth2: expected none, basic or bearer")]
    [InlineData("-readTimeout=5s", "-readTimeout 5s: expected whole seconds")]
    [InlineData("-addr", "-addr needs a value")]
    public void A_value_openfero_would_refuse_is_refused_naming_the_flag(string given, string expected)
    {
        OpenFeroFlags.Translate(given.Split(' '), out var problem);

        Assert.Equal(expected, problem);
    }
}

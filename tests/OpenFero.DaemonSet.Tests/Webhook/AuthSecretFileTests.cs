using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OpenFero.DaemonSet.Tests.Infrastructure;
using Serilog.Events;

namespace OpenFero.DaemonSet.Tests.Webhook;

public sealed class AuthSecretFileTests
{
    private const string Fixture = "kube-daemonset-rollout-stuck.firing.json";

    [Fact]
    public async Task A_deleted_token_file_answers_503_not_500_and_is_logged_once_naming_the_setting_and_the_path()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var tokenFile = await SecretFileAsync("s3cret");
        await using var server = await ServerWithServices.StartAsync(host, ["--Auth:Mode", "Bearer", "--Auth:TokenFile", tokenFile]);
        File.Delete(tokenFile);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await server.Client.PostFixtureAsync(Fixture, new AuthenticationHeaderValue("Bearer", "s3cret")));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.StatusCode));
        Assert.All(answers, a => Assert.NotNull(a.Headers.RetryAfter));
        var lines = server.Logs.Containing("Auth:TokenFile");
        var line = Assert.Single(lines);
        Assert.Contains(tokenFile, line.RenderMessage(), StringComparison.Ordinal);
        Assert.Equal(LogEventLevel.Error, line.Level);
        Assert.DoesNotContain(server.Logs.Events, e => e.Exception is not null);
    }

    [Fact]
    public async Task A_token_file_that_comes_back_with_a_rotated_token_takes_effect_and_the_old_token_is_refused()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var tokenFile = await SecretFileAsync("s3cret");
        await using var server = await ServerWithServices.StartAsync(host, ["--Auth:Mode", "Bearer", "--Auth:TokenFile", tokenFile]);

        var before = await server.Client.PostFixtureAsync(Fixture, new AuthenticationHeaderValue("Bearer", "s3cret"));
        File.Delete(tokenFile);
        var missing = await server.Client.PostFixtureAsync(Fixture, new AuthenticationHeaderValue("Bearer", "s3cret"));
        await File.WriteAllTextAsync(tokenFile, "r0tated\n", TestContext.Current.CancellationToken);
        var rotated = await server.Client.PostFixtureAsync(Fixture, new AuthenticationHeaderValue("Bearer", "r0tated"));
        var old = await server.Client.PostFixtureAsync(Fixture, new AuthenticationHeaderValue("Bearer", "s3cret"));
        await File.WriteAllTextAsync(tokenFile, "ag4in-longer\n", TestContext.Current.CancellationToken);
        var rotatedAgain = await server.Client.PostFixtureAsync(Fixture, new AuthenticationHeaderValue("Bearer", "ag4in-longer"));

        Assert.Equal(HttpStatusCode.Accepted, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, rotated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, rotatedAgain.StatusCode);
    }

    [Fact]
    public async Task An_unreadable_password_file_answers_503_not_500_and_is_logged_once()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var passwordFile = await SecretFileAsync("pa55");
        await using var server = await ServerWithServices.StartAsync(host, ["--Auth:Mode", "Basic", "--Auth:Username", "alertmanager", "--Auth:PasswordFile", passwordFile]);
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alertmanager:pa55")));

        // A Secret mounted over the path as a directory: the path exists, but no password can be read from it.
        File.Delete(passwordFile);
        Directory.CreateDirectory(passwordFile);
        var first = await server.Client.PostFixtureAsync(Fixture, basic);
        var second = await server.Client.PostFixtureAsync(Fixture, basic);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Contains(passwordFile, Assert.Single(server.Logs.Containing("Auth:PasswordFile")).RenderMessage(), StringComparison.Ordinal);
        Directory.Delete(passwordFile);
    }

    private static async Task<string> SecretFileAsync(string secret)
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, secret + "\n", TestContext.Current.CancellationToken);
        return path;
    }
}

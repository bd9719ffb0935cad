using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Notifications;

namespace OpenFero.DaemonSet.Tests.Notifications;

/// <summary>Destinations come from <c>--Notifications:Destinations:N:Key value</c>; a wrong one stops the start with the key to fix.</summary>
public sealed class NotificationOptionsTests
{
    [Fact]
    public void Command_line_keys_bind_a_list_of_destinations_with_their_routes()
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(
        [
            "--Notifications:Destinations:0:Type", "Slack", "--Notifications:Destinations:0:Url", "http://127.0.0.1:9000/hook",
            "--Notifications:Destinations:1:Type", "CloudEvents", "--Notifications:Destinations:1:UrlFile", "/etc/openfero/events-url",
            "--Notifications:Destinations:1:Outcomes:0", "error", "--Notifications:Destinations:1:MinSeverity", "critical",
        ]).Build();

        var options = configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>()!;

        Assert.Equal([DestinationType.Slack, DestinationType.CloudEvents], options.Destinations.Select(d => d.Type!.Value));
        Assert.Equal(("/etc/openfero/events-url", "critical", "error"), (options.Destinations[1].UrlFile, options.Destinations[1].MinSeverity, Assert.Single(options.Destinations[1].Outcomes)));
        Assert.True(new NotificationOptionsValidation().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Slack", null, null, null, null, "Notifications:Destinations:0:Url: set Url or UrlFile")]
    [InlineData(null, "http://127.0.0.1/hook", null, null, null, "Notifications:Destinations:0:Type: set Slack, Teams, CloudEvents")]
    [InlineData("Teams", "http://127.0.0.1/hook", "/run/url", null, null, "Notifications:Destinations:0:Url: set Url or UrlFile, not both")]
    [InlineData("Teams", "hooks.example.com/path", null, null, null, "Notifications:Destinations:0:Url: must be an absolute http:// or https:// URL")]
    [InlineData("Teams", null, null, "xoxb-1", "#c", "Notifications:Destinations:0:Token: only a Slack destination takes a bot token")]
    [InlineData("Slack", null, null, "xoxb-1", null, "Notifications:Destinations:0:Channel: a Slack bot token posts to a channel; set Channel")]
    public void A_wrong_destination_is_refused_naming_its_key(string? type, string? url, string? urlFile, string? token, string? channel, string expected)
    {
        var destination = new DestinationOptions
        {
            Type = type is null ? null : Enum.Parse<DestinationType>(type),
            Url = url,
            UrlFile = urlFile,
            Token = token,
            Channel = channel,
        };

        var result = new NotificationOptionsValidation().Validate(null, new NotificationOptions { Destinations = [destination] });

        Assert.Contains(expected, result.Failures ?? []);
    }

    [Fact]
    public void An_unknown_severity_or_outcome_is_refused_with_the_known_ones()
    {
        var destination = new DestinationOptions { Type = DestinationType.Slack, Url = "https://hooks.slack.com/services/x", MinSeverity = "page", Outcomes = ["rolledOut", "fixed"] };

        var failures = new NotificationOptionsValidation().Validate(null, new NotificationOptions { Destinations = [destination] }).Failures!;

        Assert.Equal(
        [
            "Notifications:Destinations:0:MinSeverity: 'page' is not one of none, info, warning, critical",
            "Notifications:Destinations:0:Outcomes:1: 'fixed' is not one of rolledOut, declined, dryRun, notRolledOut, error, analyzed, held, situationChanged, expired, unknown",
        ], failures);
    }

    [Fact]
    public async Task A_host_with_a_destination_without_a_url_does_not_start_and_names_the_key()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => SenderHost.StartAsync(TimeProvider.System, new Dictionary<string, string?>
        {
            ["Notifications:Destinations:0:Type"] = "Slack",
            ["Notifications:Destinations:1:Type"] = "Teams",
            ["Notifications:Destinations:1:Url"] = "https://example.webhook.office.com/secret",
        }));

        Assert.Equal(["Notifications:Destinations:0:Url: set Url or UrlFile"], refused.Failures);
    }

    [Fact]
    public void A_url_is_never_repeated_in_a_refusal()
    {
        var destination = new DestinationOptions { Type = DestinationType.Teams, Url = "ftp://example.com/s3cr3t", UrlFile = null };

        var failures = new NotificationOptionsValidation().Validate(null, new NotificationOptions { Destinations = [destination] }).Failures!;

        Assert.DoesNotContain(failures, f => f.Contains("s3cr3t", StringComparison.Ordinal));
    }
}

using FluentValidation.TestHelper;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Webhook;

namespace OpenFero.DaemonSet.Tests.Webhook;

public sealed class ValidatorTests
{
    private readonly AlertmanagerWebhookValidator validator = new();

    [Fact]
    public void Each_invalid_alert_field_is_named_by_its_path()
    {
        var webhook = new AlertmanagerWebhook("4", "g", 0, "firing", "r", null, null, null, null,
        [
            new AlertmanagerAlert("firing", new Dictionary<string, string> { ["alertname"] = "A" }, null, DateTimeOffset.UnixEpoch, null, null, "a"),
            new AlertmanagerAlert("exploded", new Dictionary<string, string> { ["namespace"] = "x" }, null, null, null, null, null),
        ]);

        var result = validator.TestValidate(webhook);

        result.ShouldHaveValidationErrorFor("alerts[1].labels.alertname");
        result.ShouldHaveValidationErrorFor("alerts[1].status");
        result.ShouldNotHaveValidationErrorFor("alerts[1].fingerprint");
        result.ShouldHaveValidationErrorFor("alerts[1].startsAt");
        result.ShouldNotHaveValidationErrorFor("alerts[0].labels.alertname");
    }

    [Fact]
    public void Version_must_be_4_and_alerts_must_not_be_empty()
    {
        var result = validator.TestValidate(new AlertmanagerWebhook("3", null, 0, null, null, null, null, null, null, []));

        result.ShouldHaveValidationErrorFor("version");
        result.ShouldHaveValidationErrorFor("alerts");
    }

    public static TheoryData<string, AlertmanagerWebhook> EachRuleBroken()
    {
        static AlertmanagerAlert Alert(string? status = "firing", string? alertname = "A", bool startsAt = true, bool labels = true) =>
            new(status, labels ? new Dictionary<string, string> { ["alertname"] = alertname! } : null, null, startsAt ? DateTimeOffset.UnixEpoch : null, null, null, null);
        static AlertmanagerWebhook Body(string? version, IReadOnlyList<AlertmanagerAlert>? alerts) => new(version, "g", 0, "firing", "r", null, null, null, null, alerts);

        return new()
        {
            { "version", Body("3", [Alert()]) },
            { "version", Body(null, [Alert()]) },
            { "alerts", Body("4", []) },
            { "alerts", Body("4", null) },
            { "alerts[1]", Body("4", [Alert(), null!]) },
            { "alerts[1].status", Body("4", [Alert(), Alert(status: "exploded")]) },
            { "alerts[0].status", Body("4", [Alert(status: null)]) },
            { "alerts[0].startsAt", Body("4", [Alert(startsAt: false)]) },
            { "alerts[0].labels", Body("4", [Alert(labels: false)]) },
            { "alerts[0].labels.alertname", Body("4", [Alert(alertname: " ")]) },
            { "alerts[0].labels.alertname", Body("4", [Alert(alertname: "")]) },
        };
    }

    [Theory]
    [MemberData(nameof(EachRuleBroken))]
    public void A_body_breaking_any_rule_is_not_valid_at_a_glance_and_the_rules_name_the_field(string field, AlertmanagerWebhook webhook)
    {
        Assert.False(AlertmanagerWebhookValidator.KeepsEveryRule(webhook));
        validator.TestValidate(webhook).ShouldHaveValidationErrorFor(field);
    }

    [Fact]
    public void A_body_keeping_every_rule_is_valid_at_a_glance()
    {
        var webhook = new AlertmanagerWebhook("4", "g", 0, "firing", "r", null, null, null, null,
        [
            new AlertmanagerAlert("firing", new Dictionary<string, string> { ["alertname"] = "A" }, null, DateTimeOffset.UnixEpoch, null, null, null),
            new AlertmanagerAlert("resolved", new Dictionary<string, string> { ["alertname"] = "B", ["namespace"] = "x" }, null, DateTimeOffset.UnixEpoch, null, null, "f"),
        ]);

        Assert.True(AlertmanagerWebhookValidator.KeepsEveryRule(webhook));
        Assert.True(validator.Validate(webhook).IsValid);
    }
}

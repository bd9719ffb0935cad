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
}

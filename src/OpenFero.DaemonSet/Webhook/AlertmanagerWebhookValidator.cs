using FluentValidation;
using FluentValidation.Results;
using OpenFero.DaemonSet.Alerts;

namespace OpenFero.DaemonSet.Webhook;

/// <summary>
/// What a webhook body must hold for each alert to be acted on; failures name the field by path. No fingerprint is
/// required: OpenFero's and hand-made alerts carry none, and one is computed from the labels as Alertmanager would.
/// </summary>
public sealed class AlertmanagerWebhookValidator : AbstractValidator<AlertmanagerWebhook>
{
    public AlertmanagerWebhookValidator()
    {
        RuleFor(w => w.Version).Equal("4").OverridePropertyName("version").WithMessage("version must be \"4\" (Alertmanager's webhook format)");
        RuleFor(w => w.Alerts).NotEmpty().OverridePropertyName("alerts").WithMessage("alerts must hold at least one alert");
        RuleForEach(w => w.Alerts).NotNull().SetValidator(new AlertValidator()).OverridePropertyName("alerts");
    }

    /// <summary>
    /// A body that keeps every rule is answered valid at a glance, without running the rule chain (a tenth of a
    /// delivery's time once deserialized); any other runs the rules, which name what is wrong. A subset of the
    /// rules (a rule set) passes whenever all of them do.
    /// </summary>
    public override ValidationResult Validate(ValidationContext<AlertmanagerWebhook> context) =>
        KeepsEveryRule(context.InstanceToValidate) ? new ValidationResult() : base.Validate(context);

    /// <summary>The rules above, by hand: true only when none of them would fail.</summary>
    public static bool KeepsEveryRule(AlertmanagerWebhook? webhook)
    {
        if (webhook is not { Version: "4", Alerts: { Count: > 0 } alerts })
        {
            return false;
        }

        for (var i = 0; i < alerts.Count; i++)
        {
            if (alerts[i] is not { Status: "firing" or "resolved", StartsAt: not null, Labels: { } labels } ||
                string.IsNullOrWhiteSpace(labels.GetValueOrDefault("alertname")))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class AlertValidator : AbstractValidator<AlertmanagerAlert>
    {
        public AlertValidator()
        {
            RuleFor(a => a.Status).Must(s => s is "firing" or "resolved").OverridePropertyName("status").WithMessage("status must be \"firing\" or \"resolved\"");
            RuleFor(a => a.StartsAt).NotNull().OverridePropertyName("startsAt").WithMessage("startsAt is required");
            RuleFor(a => a.Labels).NotNull().OverridePropertyName("labels").WithMessage("labels are required");
            RuleFor(a => a.Labels!.GetValueOrDefault("alertname"))
                .NotEmpty().When(a => a.Labels is not null)
                .OverridePropertyName("labels.alertname").WithMessage("labels.alertname is required");
        }
    }
}

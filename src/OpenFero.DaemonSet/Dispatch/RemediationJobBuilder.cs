using System.Globalization;
using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Templates;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// The Job for one alert from an Operarius' jobTemplate: a copy of the template with its Go templates rendered for
/// this alert and its delivery (<see cref="JobTemplates"/>), the alert's <c>OPENFERO_*</c> variables in every
/// container (replacing same-named ones; never templated), the labels that identify it, the annotations its
/// follow-ups read (<see cref="RemediationJobFacts"/>), in the Operarius' namespace, under the alert instance's deterministic name.
/// </summary>
public static class RemediationJobBuilder
{
    /// <summary>Parses the Operarius' templates on the spot: for one Job; the server parses once per Operarius.</summary>
    public static V1Job Build(Operarius operarius, AlertContext alert) => Build(operarius, alert, JobTemplates.Parse(operarius.Spec.JobTemplate));

    /// <exception cref="TemplateExecutionException">A template names what this alert lacks (<c>missingkey=error</c>).</exception>
    public static V1Job Build(Operarius operarius, AlertContext alert, JobTemplates templates)
    {
        var template = KubernetesJson.Deserialize<V1JobTemplateSpec>(KubernetesJson.Serialize(operarius.Spec.JobTemplate));
        var labels = new Dictionary<string, string>(template.Metadata?.Labels ?? new Dictionary<string, string>())
        {
            [JobLabels.Operarius] = operarius.Metadata.Name,
            [JobLabels.Alert] = JobLabels.LabelValue(alert.AlertName),
            [JobLabels.ManagedBy] = JobLabels.ManagedByValue,
            [JobLabels.Status] = JobLabels.LabelValue(alert.Status),
            [JobLabels.Fingerprint] = JobLabels.LabelValue(alert.Fingerprint),
        };
        if (alert.Target is { } target)
        {
            labels[JobLabels.DaemonSetNamespace] = JobLabels.LabelValue(target.Namespace);
            labels[JobLabels.DaemonSet] = JobLabels.LabelValue(target.Name);
        }

        var annotations = new Dictionary<string, string>(template.Metadata?.Annotations ?? new Dictionary<string, string>())
        {
            [JobLabels.StartsAtAnnotation] = alert.StartsAt.ToString("O", CultureInfo.InvariantCulture),

            // Nothing followed up yet: whichever replica sees the Job first does it (JobFollowUps).
            [FollowUpSteps.DoneAnnotation] = "",
        };
        foreach (var (key, value) in RemediationJobFacts.Annotations(operarius.Metadata.Name, alert))
        {
            annotations[key] = value;
        }

        var spec = template.Spec ?? new V1JobSpec();
        spec.Template ??= new V1PodTemplateSpec();
        spec.Template.Spec ??= new V1PodSpec { Containers = [] };
        var containers = (spec.Template.Spec.Containers ?? []).Concat(spec.Template.Spec.InitContainers ?? []).ToList();
        foreach (var container in containers)
        {
            container.Env = (container.Env ?? []).Where(e => !alert.Environment.ContainsKey(e.Name)).ToList();
        }

        // Before the OPENFERO_* variables join, so that they are never templated.
        if (templates.Any)
        {
            templates.Render(spec.Template.Spec, TemplateDataOf(alert));
        }

        foreach (var container in containers)
        {
            foreach (var (name, value) in alert.Environment)
            {
                container.Env.Add(new V1EnvVar { Name = name, Value = value });
            }
        }

        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta
            {
                Name = JobLabels.JobName(operarius.Metadata.Name, alert.Fingerprint, alert.StartsAt),
                NamespaceProperty = operarius.Metadata.NamespaceProperty,
                Labels = labels,
                Annotations = annotations,
            },
            Spec = spec,
        };
    }

    /// <summary>This alert as <c>.Alert</c> and its delivery as <c>.HookMessage</c>; an alert made by hand is its own delivery.</summary>
    private static TemplateData TemplateDataOf(AlertContext alert)
    {
        var source = alert.Source ?? new AlertmanagerAlert(alert.Status, alert.Labels, alert.Annotations, alert.StartsAt, null, null, alert.Fingerprint);
        var delivery = alert.Delivery ?? new AlertmanagerWebhook("4", alert.GroupKey, 0, alert.Status, null, null, null, null, null, [source]);
        return TemplateData.For(source, delivery);
    }
}

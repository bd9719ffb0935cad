using System.Globalization;
using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// The Job for one alert from an Operarius' jobTemplate: a copy of the template, the alert's
/// <c>OPENFERO_*</c> variables in every container (replacing same-named ones; never templated), the labels that
/// identify it, the annotations its follow-ups read (<see cref="RemediationJobFacts"/>), in the Operarius' namespace, under the alert instance's deterministic name.
/// </summary>
public static class RemediationJobBuilder
{
    public static V1Job Build(Operarius operarius, AlertContext alert)
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
        foreach (var container in (spec.Template.Spec.Containers ?? []).Concat(spec.Template.Spec.InitContainers ?? []))
        {
            var env = (container.Env ?? []).Where(e => !alert.Environment.ContainsKey(e.Name)).ToList();
            env.AddRange(alert.Environment.Select(v => new V1EnvVar { Name = v.Key, Value = v.Value }));
            container.Env = env;
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
}

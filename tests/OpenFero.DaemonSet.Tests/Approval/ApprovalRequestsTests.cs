using k8s.Models;
using OpenFero.DaemonSet.Approval;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.Tests.Approval;

/// <summary>The pure rules of approval: who asks for it, what a waiting Job looks like, when it expires.</summary>
public sealed class ApprovalRequestsTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(null, ApprovalMode.None, false)]
    [InlineData(null, ApprovalMode.Required, true)]
    [InlineData("required", ApprovalMode.None, true)]
    [InlineData("None", ApprovalMode.Required, false)]
    [InlineData("requierd", ApprovalMode.None, true)]
    public void The_operarius_annotation_decides_over_the_setting_and_a_value_it_does_not_know_asks_for_approval(string? annotation, ApprovalMode setting, bool required)
    {
        var operarius = new Operarius { Metadata = new V1ObjectMeta { Name = "fix", Annotations = annotation is null ? null : new Dictionary<string, string> { [ApprovalRequests.OperariusAnnotation] = annotation } } };

        Assert.Equal(required, ApprovalRequests.IsRequired(operarius, setting));
    }

    [Fact]
    public void A_suspended_job_carries_its_plan_on_every_container_and_waits_until_its_timeout()
    {
        var job = Job();
        ApprovalRequests.Suspend(job, new PlannedApproval("monitoring/node-exporter: stuck; plan: rollout restart.", "Unknown: restart, wait"));

        Assert.True(job.Spec.Suspend);
        Assert.Equal("monitoring/node-exporter: stuck; plan: rollout restart.", ApprovalRequests.Plan(job));
        Assert.All(job.Spec.Template.Spec.Containers, c => Assert.Equal("Unknown: restart, wait", Assert.Single(c.Env, e => e.Name == PlanSignature.Variable).Value));
        Assert.Equal(ApprovalState.Waiting, ApprovalRequests.StateOf(job, Created + Hour - TimeSpan.FromSeconds(1), Hour));
        Assert.Equal(ApprovalState.Expired, ApprovalRequests.StateOf(job, Created + Hour, Hour));
    }

    [Fact]
    public void A_job_marked_expired_stays_expired_and_an_unsuspended_one_no_longer_waits()
    {
        var marked = Job();
        ApprovalRequests.Suspend(marked, new PlannedApproval("p", "s"));
        marked.Metadata.Annotations[RemediationResults.OutcomeAnnotation] = "expired";
        var approved = Job();
        ApprovalRequests.Suspend(approved, new PlannedApproval("p", "s"));
        approved.Spec.Suspend = false;

        Assert.Equal(ApprovalState.Expired, ApprovalRequests.StateOf(marked, Created, Hour));
        Assert.Equal(ApprovalState.NotWaiting, ApprovalRequests.StateOf(approved, Created, Hour));
        Assert.Equal(ApprovalState.NotWaiting, ApprovalRequests.StateOf(Job(), Created, Hour));
    }

    [Fact]
    public void The_approve_verb_refuses_a_job_of_another_program_and_an_expired_one_with_their_own_exits()
    {
        var foreign = Job();
        foreign.Metadata.Labels.Clear();
        var expired = Job();
        ApprovalRequests.Suspend(expired, new PlannedApproval("p", "s"));

        var notOurs = ApproveCommand.Refusal(foreign, "fix", "openfero", Created, Hour);
        var tooLate = ApproveCommand.Refusal(expired, "fix", "openfero", Created + TimeSpan.FromHours(2), Hour);

        Assert.Equal(ApproveCommand.NotWaiting, notOurs?.Exit);
        Assert.Contains("not a remediation Job of openfero-daemonset", notOurs?.Message, StringComparison.Ordinal);
        Assert.Equal(("job openfero/fix waited longer than Remediation:ApprovalTimeout (60m): its approval expired and it is being deleted", ApproveCommand.Expired), tooLate);
    }

    private static V1Job Job() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "fix",
            NamespaceProperty = "openfero",
            CreationTimestamp = Created.UtcDateTime,
            Labels = new Dictionary<string, string> { ["openfero.io/managed-by"] = "openfero" },
            Annotations = new Dictionary<string, string>(),
        },
        Spec = new V1JobSpec
        {
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec
                {
                    Containers = [new V1Container { Name = "a", Env = [new V1EnvVar { Name = PlanSignature.Variable, Value = "old" }] }, new V1Container { Name = "b" }],
                },
            },
        },
    };
}

using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnitV3;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Rollouts;
using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Templates;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace OpenFero.DaemonSet.Tests.Architecture;

/// <summary>
/// The house's two rules: feature folders (namespaces) never depend on each other in a cycle, and the domain —
/// Kubernetes' DaemonSet semantics, the analysis rules, the planner, the Operarius matcher, the alert context
/// mapping, the Go templates and their rendering into a Job — is pure: no Kubernetes client, no HTTP, no clock.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly ArchUnitNET.Domain.Architecture Product = new ArchLoader()
        .LoadAssemblies(typeof(ServerApp).Assembly, typeof(DaemonSetTarget).Assembly)
        .Build();

    /// <summary>The pure decisions, by type: adding one here is how a new decision joins the rule.</summary>
    private static readonly System.Type[] DomainTypes =
    [
        typeof(DaemonSetAnalyzer), typeof(HealthAnalysis), typeof(PlacementAnalysis), typeof(PodClassifier), typeof(VerdictRules),
        typeof(DaemonSetReport), typeof(ReportRendering),
        typeof(RemediationPlanner), typeof(RemediationPlan), typeof(PlanText), typeof(RemediationPolicy), typeof(RemediationRefusal), typeof(SpecObservation),
        typeof(LadderRungs), typeof(StepBaseline), typeof(StepProgress), typeof(DeletionBudget),
        typeof(OperariusMatcher), typeof(DaemonSetTargetRules), typeof(LeaseDecision), typeof(FollowUpDecision), typeof(JobStates),
        typeof(AlertContextFactory), typeof(AlertContext),
        typeof(GoTemplate), typeof(TemplateData), typeof(ShellSplicing), typeof(JobTemplates), typeof(TemplateConditions),
        typeof(ConfigurationDetails), typeof(PlacementText), typeof(ResourceUsage), typeof(MisscheduledPods),
        typeof(HealthTrends), typeof(TrendQueries), typeof(PrometheusSample), typeof(TrendsText),
        typeof(DaemonSetRollout), typeof(RolloutTimeline), typeof(RolloutView), typeof(RolloutText), typeof(LabelSelectorQuery),
        typeof(ClusterHoldRule), typeof(PoisonRolloutGuard), typeof(FalseAlarmSilence),
    ];

    [Fact]
    public void Feature_namespaces_have_no_cycles() =>
        SliceRuleDefinition.Slices().Matching("OpenFero.DaemonSet.(*)").Should().BeFreeOfCycles().Check(Product);

    [Fact]
    public void Semantics_is_pure() =>
        Types().That().ResideInAssembly(typeof(DaemonSetTarget).Assembly)
            .Should().NotDependOnAnyTypesThat().HaveFullNameMatching(ImpureTypes)
            .Check(Product);

    [Fact]
    public void Domain_types_are_pure() =>
        Types().That().Are(DomainTypes)
            .Should().NotDependOnAnyTypesThat().HaveFullNameMatching(ImpureTypes)
            .Check(Product);

    /// <summary>The Kubernetes client (models are data and allowed), HTTP, ASP.NET Core and the clock.</summary>
    private const string ImpureTypes = @"^(k8s\.(IKubernetes|Kubernetes|.*Operations)|System\.Net\.Http\..*|Microsoft\.AspNetCore\..*|System\.TimeProvider)$";
}

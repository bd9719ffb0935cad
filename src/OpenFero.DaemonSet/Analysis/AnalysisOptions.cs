namespace OpenFero.DaemonSet.Analysis;

/// <summary>The analysis workflows and their switches, as the seed's Helm values name them.</summary>
public sealed class AnalysisOptions
{
    public const string Section = "Analysis";

    public StatusEnricherOptions DaemonsetStatusEnricher { get; set; } = new();
    public MisscheduledOptions DaemonsetMisscheduledAnalysis { get; set; } = new();
    public PodAnalysisOptions DaemonsetPodAnalysis { get; set; } = new();
    public RolloutMonitorOptions DaemonsetRolloutMonitor { get; set; } = new();
    public HealthAnalysisOptions DaemonsetHealthAnalysis { get; set; } = new();

    public sealed class StatusEnricherOptions
    {
        public bool Enabled { get; set; } = true;

        /// <summary>The DaemonSet's configuration: images, update strategy, placement rules, host access, revisions.</summary>
        public bool ShowDetails { get; set; } = true;
    }

    public sealed class MisscheduledOptions
    {
        public bool Enabled { get; set; } = true;
        public bool IncludeNodeInfo { get; set; } = true;
    }

    public sealed class PodAnalysisOptions
    {
        public bool Enabled { get; set; } = true;
        public bool IncludeResourceInfo { get; set; } = true;
    }

    public sealed class RolloutMonitorOptions
    {
        public bool Enabled { get; set; } = true;
    }

    public sealed class HealthAnalysisOptions
    {
        public bool Enabled { get; set; } = true;
    }
}

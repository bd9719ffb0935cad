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

        /// <summary>Watch every DaemonSet's rollout live (timeline, progress deadline, the rollout API and stream).</summary>
        public bool MonitorProgress { get; set; } = true;

        /// <summary>
        /// A rollout whose updated and available counts did not move for this long is stalled; one that moved within it
        /// is progressing, and an alert for it waits (outcome <c>progressing</c>). Kubernetes has this only for Deployments.
        /// </summary>
        public TimeSpan ProgressDeadline { get; set; } = TimeSpan.FromMinutes(10);
    }

    public sealed class HealthAnalysisOptions
    {
        public bool Enabled { get; set; } = true;

        /// <summary>Trends from Prometheus (restarts, memory against limits, cpu throttling, unavailable pods) when <c>Prometheus:Url</c> is set.</summary>
        public bool IncludeMetrics { get; set; } = true;
    }
}

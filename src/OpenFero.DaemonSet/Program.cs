using System.CommandLine;
using OpenFero.DaemonSet.Hosting;

// The verbs. Each runs on the generic host with the same Kubernetes client and validated options; settings come from
// appsettings.json, the environment (Section__Key) and the command line (--Section:Key value).
var root = new RootCommand("OpenFero.DaemonSet: remediates stuck Kubernetes DaemonSets from Alertmanager alerts.")
{
    ServeCommand.Create(),      // POST /alerts → Operarius → deduplicated remediation Job (the default verb)
    AnalyzeCommand.Create(),    // one DaemonSet's report, for a person
    RemediateCommand.Create(),  // the remediation Job's entrypoint: analyse, plan, act, wait for the rollout
    ApproveCommand.Create(),    // a person approves a remediation Job that waits, suspended, for approval
};
// OpenFero's flags (-addr, -authMethod, -operariusNamespace…) mean here what they mean there: its chart's command
// lines work unchanged.
var arguments = OpenFeroFlags.Translate(args, out var refused);
return refused is null
    ? await CommandLineInvocation.RunAsync(root, arguments, defaultVerb: "serve")
    : await CommandLineInvocation.RefuseAsync(root, refused);

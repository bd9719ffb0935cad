using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Tests.Hosting;

namespace OpenFero.DaemonSet.Tests.Approval;

/// <summary><c>openfero-daemonset approve NAME</c> as a person runs it: it approves a waiting Job, and says clearly why not otherwise.</summary>
public sealed class ApproveVerbTests
{
    private const string Product = "OpenFero.DaemonSet.dll";

    [Fact]
    public async Task Approve_unsuspends_a_waiting_job_which_then_rolls_out_and_refuses_it_a_second_time()
    {
        var world = await ApprovalWorld.StartAsync();
        await using var host = world.Host;
        var server = await host.StartServerAsync("--Remediation:Approval", "Required");
        var (_, job, plan) = await ApprovalWorld.AlertAsync(server);

        var approved = await ProgramRun.RunAsync(Product, ["approve", job!, "--kubeconfig", host.Kubeconfig]);
        var again = await ProgramRun.RunAsync(Product, ["approve", job!, "--kubeconfig", host.Kubeconfig]);
        var ended = await world.OutcomeAsync(job!);

        Assert.Equal(0, approved.Exit);
        Assert.Equal($"job.batch/{job} approved: {plan}", approved.Output.Trim());
        Assert.Equal(ApproveCommand.NotWaiting, again.Exit);
        Assert.Equal($"job openfero/{job} is not waiting for approval: it is not suspended (approved already, or never asked)", Assert.Single(again.ErrorLines));
        Assert.Equal("rolledOut", ended);
    }

    [Fact]
    public async Task Approve_names_a_job_that_does_not_exist_and_one_that_never_asked_for_approval()
    {
        var world = await ApprovalWorld.StartAsync();
        await using var host = world.Host;
        var server = await host.StartServerAsync();
        var (outcome, job, _) = await ApprovalWorld.AlertAsync(server);

        var missing = await ProgramRun.RunAsync(Product, ["approve", "no-such-job", "-n", "openfero", "--kubeconfig", host.Kubeconfig]);
        var running = await ProgramRun.RunAsync(Product, ["approve", job!, "--kubeconfig", host.Kubeconfig]);

        Assert.Equal("jobCreated", outcome);
        Assert.Equal((ApproveCommand.NotFound, "job openfero/no-such-job not found"), (missing.Exit, Assert.Single(missing.ErrorLines)));
        Assert.Equal(ApproveCommand.NotWaiting, running.Exit);
    }
}

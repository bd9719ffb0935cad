using OpenFero.DaemonSet.Configuration;

namespace OpenFero.DaemonSet.Approval;

public static class ApprovalRegistration
{
    /// <summary>
    /// Approval before a remediation runs: <c>Remediation:Approval</c>, <c>Remediation:ApprovalTimeout</c> and the
    /// server's gate, over the snapshot reader, the runner's policy and the Events the server registers.
    /// </summary>
    public static IHostApplicationBuilder AddApproval(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedSection<ApprovalOptions>(ApprovalOptions.Section);
        builder.Services.AddSingleton<ApprovalGate>();
        return builder;
    }
}

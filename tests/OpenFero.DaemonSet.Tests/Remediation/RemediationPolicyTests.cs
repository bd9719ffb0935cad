using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.Tests.Remediation;

public sealed class RemediationPolicyTests
{
    [Theory]
    [InlineData("", "", "monitoring", true)]
    [InlineData("", "", "kube-system", false)]
    [InlineData("kube-system", "", "kube-system", true)]
    [InlineData("kube-system", "", "monitoring", false)]
    [InlineData("monitoring,logging", "", "logging", true)]
    [InlineData("", "monitoring", "monitoring", false)]
    [InlineData("monitoring", "monitoring", "monitoring", false)]
    [InlineData("kube-system", "kube-system", "kube-system", false)]
    public void A_namespace_is_allowed_when_not_denied_and_listed_or_with_no_list_not_kube_system(string allow, string deny, string ns, bool allowed)
    {
        var policy = new RemediationPolicy
        {
            AllowNamespaces = [.. allow.Split(',', StringSplitOptions.RemoveEmptyEntries)],
            DenyNamespaces = [.. deny.Split(',', StringSplitOptions.RemoveEmptyEntries)],
        };

        Assert.Equal(allowed, policy.AllowsNamespace(ns));
    }

    [Fact]
    public void Batch_timeout_and_termination_message_path_come_from_the_environment()
    {
        var context = RemediationContext.FromEnvironment(new Dictionary<string, string>
        {
            ["OPENFERO_NAMESPACE"] = "monitoring",
            ["OPENFERO_DAEMONSET"] = "node-exporter",
            ["Runner__BatchTimeout"] = "00:00:30",
            ["Runner__TerminationMessagePath"] = "/tmp/x",
        }, out var error);
        var defaults = RemediationContext.FromEnvironment(new Dictionary<string, string> { ["OPENFERO_NAMESPACE"] = "a", ["OPENFERO_DAEMONSET"] = "b" }, out _);
        var bad = RemediationContext.FromEnvironment(new Dictionary<string, string> { ["OPENFERO_NAMESPACE"] = "a", ["OPENFERO_DAEMONSET"] = "b", ["Runner__BatchTimeout"] = "soon" }, out var badError);

        Assert.Null(error);
        Assert.Equal((TimeSpan.FromSeconds(30), "/tmp/x"), (context!.Policy.BatchTimeout, context.Policy.TerminationMessagePath));
        Assert.Equal((TimeSpan.FromMinutes(2), "/dev/termination-log"), (defaults!.Policy.BatchTimeout, defaults.Policy.TerminationMessagePath));
        Assert.Null(bad);
        Assert.StartsWith("Runner__BatchTimeout: \"soon\"", badError, StringComparison.Ordinal);
    }
}

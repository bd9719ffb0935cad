using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Hosting;
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
    public void The_policy_is_bound_from_the_jobs_environment_with_comma_or_indexed_lists()
    {
        var policy = Policy(new()
        {
            ["Runner__AllowNamespaces"] = "monitoring, logging",
            ["Runner__DenyNamespaces__0"] = "kube-system",
            ["Runner__DenyNamespaces__1"] = "payments",
            ["Runner__DryRun"] = "true",
            ["Runner__BatchTimeout"] = "00:00:30",
            ["Runner__RolloutTimeout"] = "00:10:00",
            ["Runner__TerminationMessagePath"] = "/tmp/x",
        });
        var defaults = Policy([]);

        Assert.Equal(["monitoring", "logging"], policy.AllowNamespaces);
        Assert.Equal(["kube-system", "payments"], policy.DenyNamespaces);
        Assert.Equal((true, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10), "/tmp/x"), (policy.DryRun, policy.BatchTimeout, policy.RolloutTimeout, policy.TerminationMessagePath));
        Assert.Equal((false, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), "/dev/termination-log"), (defaults.DryRun, defaults.BatchTimeout, defaults.RolloutTimeout, defaults.TerminationMessagePath));
        Assert.Empty(defaults.AllowNamespaces);
    }

    [Theory]
    [InlineData("Runner__BatchTimeout", "soon", "Runner:BatchTimeout")]
    [InlineData("Runner__RolloutTimeout", "00:00:00", "RolloutTimeout")]
    [InlineData("Runner__DryRun", "maybe", "Runner:DryRun")]
    public void A_bad_setting_is_one_line_naming_it(string key, string value, string named)
    {
        var failure = Record.Exception(() => Policy(new() { [key] = value }));

        var line = failure is null ? null : UserError.Describe(failure);
        Assert.NotNull(line);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    private static RemediationPolicy Policy(Dictionary<string, string> environment)
    {
        using var host = RemediateCommand.CreateHostBuilder(environment).Build();
        host.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        return host.Services.GetRequiredService<IOptions<RemediationPolicy>>().Value;
    }
}

using OpenFero.DaemonSet.Tests.Hosting;

namespace OpenFero.DaemonSet.Tests.Guards;

/// <summary>The guards' settings as every verb reads them: a mistake is one line naming the key and exit 2, before anything is asked.</summary>
public sealed class GuardSettingsTests
{
    private const string Product = "OpenFero.DaemonSet.dll";

    [Theory]
    [InlineData("Alertmanager__Url", "alertmanager.monitoring:9093", "Alertmanager:Url")]
    [InlineData("Alertmanager__Timeout", "soon", "Alertmanager:Timeout")]
    [InlineData("Alertmanager__MaxRetryAttempts", "0", "MaxRetryAttempts")]
    [InlineData("Remediation__SilenceDuration", "00:00:10", "SilenceDuration")]
    [InlineData("Remediation__SilenceFalseAlarms", "sometimes", "Remediation:SilenceFalseAlarms")]
    public async Task A_bad_guard_setting_stops_the_remediate_verb_with_one_line_naming_it(string key, string value, string named)
    {
        var run = await ProgramRun.RunAsync(Product, ["remediate"], new Dictionary<string, string>
        {
            ["OPENFERO_NAMESPACE"] = "monitoring",
            ["OPENFERO_DAEMONSET"] = "node-exporter",
            ["Runner__TerminationMessagePath"] = Path.Combine(Path.GetTempPath(), "openfero-tests-no-termination-log", "termination-log"),
            [key] = value,
        });

        run.AssertUserError(named);
    }

    [Fact]
    public async Task A_bad_alertmanager_url_stops_the_server_too()
    {
        var run = await ProgramRun.RunAsync(Product, ["serve", "--Alertmanager:Url", "ftp://alertmanager"]);

        run.AssertUserError("Alertmanager:Url", "ftp://alertmanager");
    }
}

using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Tests.Webhook;

public sealed class AlertContextFactoryTests
{
    [Theory]
    [InlineData("namespace", "OPENFERO_NAMESPACE")]
    [InlineData("app.kubernetes.io/name", "OPENFERO_APP_KUBERNETES_IO_NAME")]
    [InlineData("node-role", "OPENFERO_NODE_ROLE")]
    [InlineData("zone_ü", "OPENFERO_ZONE__")]
    public void Label_names_become_upper_case_variables_with_underscores(string label, string variable)
    {
        Assert.Equal(variable, AlertContextFactory.VariableName(label));
    }

    [Fact]
    public void Target_is_namespace_and_daemonset_only_and_values_pass_through_as_data()
    {
        var alert = new AlertmanagerAlert("firing", new Dictionary<string, string>
        {
            ["alertname"] = "KubeDaemonSetRolloutStuck",
            ["namespace"] = "monitoring",
            ["daemonset"] = "node-exporter",
            ["pod"] = "kube-state-metrics-557fd457c6-zllqn",
            ["note"] = "{{ .Alert.Labels.pod }} $(rm -rf /)",
        }, null, DateTimeOffset.UnixEpoch, null, null, "f");

        var context = AlertContextFactory.Create(alert, "g");

        Assert.Equal(new DaemonSetTarget("monitoring", "node-exporter"), context.Target);
        Assert.Equal("{{ .Alert.Labels.pod }} $(rm -rf /)", context.Environment["OPENFERO_NOTE"]);
        Assert.Equal("kube-state-metrics-557fd457c6-zllqn", context.Environment["OPENFERO_POD"]);
    }

    [Fact]
    public void Alert_without_a_daemonset_label_has_no_target()
    {
        var alert = new AlertmanagerAlert("firing", new Dictionary<string, string> { ["alertname"] = "X", ["namespace"] = "monitoring" }, null, DateTimeOffset.UnixEpoch, null, null, "f");

        Assert.Null(AlertContextFactory.Create(alert, "g").Target);
    }
}

using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Tests.Dispatch;

public sealed class LabelCollisionTests
{
    [Theory]
    [InlineData("namespace,NAMESPACE")]
    [InlineData("NAMESPACE,namespace")]
    [InlineData("Namespace,namespace,NAMESPACE")]
    public void The_target_variables_come_from_the_target_labels_whatever_the_label_order(string order)
    {
        var values = new Dictionary<string, string> { ["namespace"] = "monitoring", ["NAMESPACE"] = "kube-system", ["Namespace"] = "default" };
        var labels = new Dictionary<string, string> { ["alertname"] = "KubeDaemonSetRolloutStuck", ["daemonset"] = "node-exporter" };
        foreach (var name in order.Split(','))
        {
            labels[name] = values[name];
        }

        var context = AlertContextFactory.Create(new AlertmanagerAlert("firing", labels, null, DateTimeOffset.UnixEpoch, null, null, "f"), "g");

        Assert.Equal("monitoring", context.Environment["OPENFERO_NAMESPACE"]);
        Assert.Equal(new DaemonSetTarget("monitoring", "node-exporter"), context.Target);
    }

    [Fact]
    public void Each_collision_is_reported_with_the_label_that_won()
    {
        var labels = new Dictionary<string, string>
        {
            ["alertname"] = "X",
            ["namespace"] = "monitoring",
            ["NAMESPACE"] = "kube-system",
            ["app.kubernetes.io/name"] = "a",
            ["APP_KUBERNETES_IO_NAME"] = "b",
            ["App-Kubernetes-Io-Name"] = "c",
        };

        var context = AlertContextFactory.Create(new AlertmanagerAlert("firing", labels, null, DateTimeOffset.UnixEpoch, null, null, "f"), "g");

        Assert.Equal(
        [
            "labels APP_KUBERNETES_IO_NAME, App-Kubernetes-Io-Name and app.kubernetes.io/name all map to OPENFERO_APP_KUBERNETES_IO_NAME; app.kubernetes.io/name wins",
            "labels NAMESPACE and namespace both map to OPENFERO_NAMESPACE; namespace wins",
        ], context.Warnings);
        Assert.Equal("a", context.Environment["OPENFERO_APP_KUBERNETES_IO_NAME"]);
    }

    [Theory]
    [InlineData("OPENFERO_NAMESPACE", "NAMESPACE,Namespace,namespace", "namespace")]
    [InlineData("OPENFERO_NODE_ROLE", "NODE-ROLE,node-role,node_role", "node_role")]
    [InlineData("OPENFERO_NODE_ROLE", "NODE-ROLE,node-role,node.role", "node-role")]
    [InlineData("OPENFERO_NODE_ROLE", "NODE-ROLE,Node_Role", "NODE-ROLE")]
    public void The_own_lower_case_name_wins_then_the_first_lower_case_name_then_the_first_name(string variable, string names, string winner)
    {
        Assert.Equal(winner, AlertContextFactory.Winner(variable, names.Split(',')));
    }

    [Fact]
    public void Labels_without_collisions_give_no_warnings()
    {
        var labels = new Dictionary<string, string> { ["alertname"] = "X", ["namespace"] = "monitoring", ["daemonset"] = "node-exporter" };

        Assert.Empty(AlertContextFactory.Create(new AlertmanagerAlert("firing", labels, null, DateTimeOffset.UnixEpoch, null, null, "f"), "g").Warnings);
    }
}

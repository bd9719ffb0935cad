using OpenFero.DaemonSet.Notifications;

namespace OpenFero.DaemonSet.Tests.Notifications;

/// <summary>A destination's route: alert names, the DaemonSets' namespaces, the lowest severity, and the outcomes of ends.</summary>
public sealed class DestinationRouteTests
{
    [Fact]
    public void An_empty_route_lets_every_transition_through() =>
        Assert.True(DestinationRoute.Allows(new DestinationOptions(), Notices.Started()) && DestinationRoute.Allows(new DestinationOptions(), Notices.Ended()));

    [Fact]
    public void Alert_names_and_namespaces_keep_only_the_remediations_they_name()
    {
        var route = new DestinationOptions { AlertNames = ["KubeDaemonSetRolloutStuck"], Namespaces = ["monitoring", "kube-system"] };

        Assert.True(DestinationRoute.Allows(route, Notices.Started()));
        Assert.False(DestinationRoute.Allows(route, Notices.Started() with { AlertName = "KubeDaemonSetMisScheduled" }));
        Assert.False(DestinationRoute.Allows(route, Notices.Started(ns: "default")));
    }

    [Theory]
    [InlineData("critical", "warning", true)]
    [InlineData("warning", "warning", true)]
    [InlineData("info", "warning", false)]
    [InlineData("none", "info", false)]
    [InlineData("CRITICAL", "critical", true)]
    [InlineData("page", "info", false)]
    public void Min_severity_orders_none_info_warning_critical(string severity, string minimum, bool allowed) =>
        Assert.Equal(allowed, DestinationRoute.Allows(new DestinationOptions { MinSeverity = minimum }, Notices.Started(severity: severity)));

    [Fact]
    public void A_route_naming_outcomes_hears_only_of_ends_with_those_outcomes()
    {
        var route = new DestinationOptions { Outcomes = ["notRolledOut", "error"] };

        Assert.False(DestinationRoute.Allows(route, Notices.Started()));
        Assert.False(DestinationRoute.Allows(route, Notices.Ended("rolledOut")));
        Assert.True(DestinationRoute.Allows(route, Notices.Ended("notRolledOut")));
        Assert.True(DestinationRoute.Allows(route, Notices.Ended("error")));
    }
}

using OpenFero.DaemonSet.Templates;
using static OpenFero.DaemonSet.Tests.Templates.TemplateFixtures;

namespace OpenFero.DaemonSet.Tests.Templates;

/// <summary>Times come out as the strings Alertmanager sent, as in OpenFero, whose alert keeps them as strings.</summary>
public sealed class TemplateDataTests
{
    [Theory]
    [InlineData("2026-12-03T05:00:00Z")]
    [InlineData("2026-12-03T05:00:00.5Z")]
    [InlineData("2026-12-03T05:00:00.1234567Z")]
    [InlineData("2026-12-03T07:00:00.25+02:00")]
    [InlineData("0001-01-01T00:00:00Z")]
    public void StartsAt_renders_as_the_rfc3339_text_alertmanager_sent(string sent)
    {
        var alert = NodeExporter with { StartsAt = DateTimeOffset.Parse(sent, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(sent, Render("{{ .Alert.StartsAt }}", alert));
    }

    [Fact]
    public void An_alert_without_times_has_empty_strings()
    {
        var alert = NodeExporter with { StartsAt = null, EndsAt = null };

        Assert.Equal("[][]", Render("[{{ .Alert.StartsAt }}][{{ .Alert.EndsAt }}]", alert));
    }

    [Fact]
    public void A_body_without_maps_renders_them_as_empty_maps()
    {
        var bare = new OpenFero.DaemonSet.Alerts.AlertmanagerWebhook(null, null, 0, null, null, null, null, null, null, null);

        Assert.Equal("map[] 0 []", GoTemplate.Parse("t", "{{ .Labels }} {{ len .HookMessage.CommonLabels }} [{{ .GroupKey }}]").Render(TemplateData.For(bare)));
    }
}

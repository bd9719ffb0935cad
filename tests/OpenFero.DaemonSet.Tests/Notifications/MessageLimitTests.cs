using OpenFero.DaemonSet.Notifications;

namespace OpenFero.DaemonSet.Tests.Notifications;

/// <summary>Texts longer than a platform takes are cut to its limit, with a note that says how much was left out.</summary>
public sealed class MessageLimitTests
{
    [Theory]
    [InlineData(3001, 3000)]
    [InlineData(10_000, 3000)]
    [InlineData(1_000_000, 3000)]
    [InlineData(200, 150)]
    public void A_cut_text_fits_the_limit_exactly_and_counts_what_it_left_out(int length, int limit)
    {
        var text = new string('x', length);

        var cut = TextLimit.Cut(text, limit);

        Assert.Equal(limit, cut.Length);
        var note = cut[cut.IndexOf('…', StringComparison.Ordinal)..];
        Assert.Equal($"… (truncated, {length - (limit - note.Length)} more characters)", note);
    }

    [Fact]
    public void A_text_within_the_limit_is_left_alone() => Assert.Equal("short", TextLimit.Cut("short", 5));

    [Fact]
    public void A_long_summary_fits_Block_Kit_and_the_Adaptive_Card_and_says_it_was_cut()
    {
        var notice = Notices.Ended(summary: string.Concat(Enumerable.Repeat("deleted an old-revision pod; ", 400)));

        var slack = PayloadShapes.SlackBlockKit(SlackMessage.Build(notice));
        var teams = PayloadShapes.TeamsAdaptiveCard(TeamsMessage.Build(notice));

        Assert.Contains(slack, t => t.StartsWith("*Summary*", StringComparison.Ordinal) && t.Length == 3000 && t.Contains("more characters)", StringComparison.Ordinal));
        Assert.Contains(teams, t => t.Length == 3000 && t.EndsWith("more characters)", StringComparison.Ordinal));
    }

    [Fact]
    public void Slack_text_is_escaped_so_a_label_cannot_become_a_mention_or_a_link()
    {
        var notice = Notices.Ended(verdict: "pods on <!channel> & <http://x|y>");

        var texts = PayloadShapes.SlackBlockKit(SlackMessage.Build(notice));

        Assert.Contains(texts, t => t.Contains("pods on &lt;!channel&gt; &amp; &lt;http://x|y&gt;", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("<!channel>", StringComparison.Ordinal));
    }
}

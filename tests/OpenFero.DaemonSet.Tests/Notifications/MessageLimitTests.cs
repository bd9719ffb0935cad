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

    [Fact]
    public void Many_steps_keep_the_latest_within_the_section_limit_and_say_how_many_earlier_ones_are_not_shown()
    {
        var notice = Notices.Step(400);

        var steps = Assert.Single(PayloadShapes.SlackBlockKit(SlackMessage.Build(notice)), t => t.StartsWith("*Steps*", StringComparison.Ordinal));

        var lines = steps.Split('\n');
        Assert.True(steps.Length <= SlackMessage.MaxSectionText, $"{steps.Length} characters");
        Assert.Equal(Notices.StepLine(400), lines[^1]);
        var shown = lines.Length - 2;
        Assert.Equal($"… ({400 - shown} earlier steps not shown)", lines[1]);
        Assert.Equal(Notices.StepLine(400 - shown + 1), lines[2]);
    }

    [Fact]
    public void A_long_step_is_cut_and_the_steps_give_way_to_the_summary_at_the_end()
    {
        var longStep = Notices.Started() with { Event = NoticeEvent.Step, Steps = [new string('p', 5000)] };
        var ended = Notices.Ended() with { Steps = [Notices.StepLine(1)] };

        var stepTexts = PayloadShapes.SlackBlockKit(SlackMessage.Build(longStep));
        var endTexts = PayloadShapes.SlackBlockKit(SlackMessage.Build(ended));

        var steps = Assert.Single(stepTexts, t => t.StartsWith("*Steps*", StringComparison.Ordinal));
        Assert.Equal(SlackMessage.MaxSectionText / 4, steps.Split('\n')[1].Length);
        Assert.EndsWith("more characters)", steps, StringComparison.Ordinal);
        Assert.DoesNotContain(endTexts, t => t.StartsWith("*Steps*", StringComparison.Ordinal));
    }

    [Fact]
    public void An_end_without_the_runners_summary_tells_Teams_the_steps_seen_one_per_line()
    {
        var ended = Notices.Ended() with { Summary = null, Steps = [.. Enumerable.Range(1, 400).Select(Notices.StepLine)] };

        var texts = PayloadShapes.TeamsAdaptiveCard(TeamsMessage.Build(ended));

        var steps = Assert.Single(texts, t => t.StartsWith("Steps:", StringComparison.Ordinal));
        Assert.True(steps.Length <= TeamsMessage.MaxText, $"{steps.Length} characters");
        Assert.EndsWith($"\n\n{Notices.StepLine(400)}", steps, StringComparison.Ordinal);
        Assert.Matches("^Steps:\n\n… \\(\\d+ earlier steps not shown\\)\n\n", steps);
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.Tests.Remediation;

public sealed class TerminationMessageTests
{
    [Fact]
    public void The_outcome_is_written_and_cut_to_what_the_kubelet_keeps()
    {
        var path = DryRunTests.TerminationMessageFile();

        TerminationMessage.Write(path, new string('x', 5000), NullLogger.Instance);

        Assert.Equal(TerminationMessage.MaxLength, File.ReadAllText(path).Length);
    }

    [Fact]
    public void A_message_over_4096_bytes_keeps_its_first_line_is_cut_on_a_character_boundary_and_says_so()
    {
        var message = "analyzed: logging/fluent-bit: verdict\n\n" + string.Concat(Enumerable.Repeat("nœud-€ 🚀 ", 1000));

        var fitted = TerminationMessage.Fit(message);

        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(fitted), TerminationMessage.MaxLength - 4, TerminationMessage.MaxLength);
        Assert.StartsWith("analyzed: logging/fluent-bit: verdict\n", fitted, StringComparison.Ordinal);
        Assert.EndsWith(TerminationMessage.CutMark, fitted, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(fitted)));
        Assert.Equal("declined: short", TerminationMessage.Fit("declined: short"));
    }

    [Fact]
    public void A_missing_directory_is_skipped_without_failing()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "termination-log");

        TerminationMessage.Write(path, "outcome", NullLogger.Instance);

        Assert.False(File.Exists(path));
    }
}

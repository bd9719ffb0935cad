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
    public void A_missing_directory_is_skipped_without_failing()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "termination-log");

        TerminationMessage.Write(path, "outcome", NullLogger.Instance);

        Assert.False(File.Exists(path));
    }
}

using System.Text;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// Writes a run's outcome where Kubernetes shows it (<c>kubectl describe pod</c>, the pod's
/// <c>state.terminated.message</c>). Outside a pod there is no such file: nothing is written then.
/// </summary>
public static partial class TerminationMessage
{
    /// <summary>The kubelet keeps at most 4096 bytes of a termination message.</summary>
    public const int MaxLength = 4096;

    /// <summary>Ends a message cut to <see cref="MaxLength"/>, so its reader knows there was more.</summary>
    public const string CutMark = "\n... (cut to the kubelet's 4096 bytes; the Job's log has it all)";

    /// <summary>
    /// <paramref name="message"/> as the kubelet keeps it: whole when it fits in <see cref="MaxLength"/> UTF-8 bytes,
    /// else cut on a character boundary and ended by <see cref="CutMark"/>, <see cref="MaxLength"/> bytes at most.
    /// </summary>
    public static string Fit(string message)
    {
        if (Encoding.UTF8.GetByteCount(message) <= MaxLength)
        {
            return message;
        }

        var room = MaxLength - Encoding.UTF8.GetByteCount(CutMark);
        var (length, bytes) = (0, 0);
        while (length < message.Length)
        {
            var width = char.IsSurrogatePair(message, length) ? 2 : 1;
            var next = Encoding.UTF8.GetByteCount(message.AsSpan(length, width));
            if (bytes + next > room)
            {
                break;
            }

            (length, bytes) = (length + width, bytes + next);
        }

        return string.Concat(message.AsSpan(0, length), CutMark);
    }

    public static void Write(string path, string message, ILogger logger)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
        {
            LogSkipped(logger, path, "its directory does not exist");
            return;
        }

        if (path == RemediationPolicy.DefaultTerminationMessagePath && !File.Exists(path))
        {
            // In a pod the kubelet has created it; elsewhere no file is made under /dev.
            LogSkipped(logger, path, "not running in a pod");
            return;
        }

        try
        {
            File.WriteAllText(path, Fit(message));
        }
        catch (Exception error) when (error is UnauthorizedAccessException or IOException)
        {
            LogSkipped(logger, path, error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No termination message written to {Path}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string path, string reason);
}

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// Writes a run's outcome where Kubernetes shows it (<c>kubectl describe pod</c>, the pod's
/// <c>state.terminated.message</c>). Outside a pod there is no such file: nothing is written then.
/// </summary>
public static partial class TerminationMessage
{
    /// <summary>The kubelet keeps at most 4096 bytes of a termination message.</summary>
    public const int MaxLength = 4096;

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
            File.WriteAllText(path, message.Length > MaxLength ? message[..MaxLength] : message);
        }
        catch (Exception error) when (error is UnauthorizedAccessException or IOException)
        {
            LogSkipped(logger, path, error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No termination message written to {Path}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string path, string reason);
}

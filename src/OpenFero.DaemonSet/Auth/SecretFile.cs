namespace OpenFero.DaemonSet.Auth;

/// <summary>
/// A secret mounted as a file (<c>Auth:TokenFile</c>, <c>Auth:PasswordFile</c>): read again only when its
/// last-write time or length changes, so a rotated secret takes effect on the next request without a read per
/// request. When it cannot be read (deleted, a directory, no permission, empty) there is no secret, which the
/// caller must refuse; that is logged once, and once more when the file is back.
/// </summary>
public sealed partial class SecretFile(string setting, string path, ILogger logger)
{
    private Known? known;
    private int unavailable;

    public string? Read()
    {
        string problem;
        try
        {
            var file = new FileInfo(path);
            if (file.Exists)
            {
                var last = Volatile.Read(ref known);
                if (last is not null && last.WrittenAt == file.LastWriteTimeUtc && last.Length == file.Length)
                {
                    return Available(last.Secret);
                }

                var secret = File.ReadAllText(path).Trim();
                if (secret.Length > 0)
                {
                    Volatile.Write(ref known, new Known(file.LastWriteTimeUtc, file.Length, secret));
                    return Available(secret);
                }

                problem = "the file is empty";
            }
            else
            {
                problem = Directory.Exists(path) ? "it is a directory" : "the file does not exist";
            }
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            problem = unreadable.Message;
        }

        if (Interlocked.Exchange(ref unavailable, 1) == 0)
        {
            LogUnavailable(logger, setting, path, problem);
        }

        return null;
    }

    private string Available(string secret)
    {
        if (Interlocked.Exchange(ref unavailable, 0) == 1)
        {
            LogAvailableAgain(logger, setting, path);
        }

        return secret;
    }

    private sealed record Known(DateTime WrittenAt, long Length, string Secret);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Setting} {Path} cannot be read ({Problem}): every authenticated request is answered 503 until it can")]
    private static partial void LogUnavailable(ILogger logger, string setting, string path, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Setting} {Path} is readable again; requests are authenticated with it")]
    private static partial void LogAvailableAgain(ILogger logger, string setting, string path);
}

namespace OpenFero.DaemonSet.Playground;

/// <summary>Log lines to a TextWriter: what a simulated Job pod's log holds (what <c>kubectl logs</c> would show).</summary>
public sealed class TextWriterLoggerProvider(TextWriter writer, TimeProvider time) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Writer(writer, time);

    public void Dispose()
    {
    }

    private sealed class Writer(TextWriter writer, TimeProvider time) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                writer.WriteLine($"{time.GetUtcNow():HH:mm:ss} {logLevel,-11} {formatter(state, exception)}{(exception is null ? "" : " " + exception.Message)}");
            }
        }
    }
}

using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace OpenFero.DaemonSet.Tests.Webhook;

/// <summary>The server's log as Serilog emits it, captured through a sink registered as a service.</summary>
internal sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public IReadOnlyList<LogEvent> Events => [.. events];

    public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);

    public IReadOnlyList<LogEvent> Containing(string text) => Containing(Events, text);

    public static IReadOnlyList<LogEvent> Containing(IEnumerable<LogEvent> events, string text) =>
        [.. events.Where(e => e.RenderMessage().Contains(text, StringComparison.Ordinal))];

    public IReadOnlyList<LogEvent> AtWarningOrAbove => [.. Events.Where(e => e.Level >= LogEventLevel.Warning)];

    public static string Describe(IEnumerable<LogEvent> events) =>
        string.Join("\n", events.Select(e => $"{e.Level}: {e.RenderMessage()}{(e.Exception is null ? "" : " [" + e.Exception.GetType().Name + "]")}"));
}

using System.Globalization;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace OpenFero.DaemonSet.Hosting;

public static class LoggingSetup
{
    /// <summary>The server's text lines: the message, then the properties it does not name (the alert's scope, the category).</summary>
    public const string ServerTextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";

    /// <summary>
    /// A remediation Job's text lines, read by people with <c>kubectl logs job/NAME</c>: time, level and a message that
    /// names what it is about — a line per step, no JSON.
    /// </summary>
    public const string JobTextTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Serilog as the logging provider: JSON lines (CLEF) on stdout by default, <c>Logging:Format=text</c> for
    /// people, in <paramref name="textTemplate"/>. Each host gets its own logger, so several hosts can run in one process.
    /// </summary>
    public static IHostApplicationBuilder AddServerLogging(this IHostApplicationBuilder builder, string textTemplate = ServerTextTemplate)
    {
        var text = string.Equals(builder.Configuration["Logging:Format"], "text", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                logger.MinimumLevel.Information()
                    .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                    .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
                    // ASP.NET Core's request log (start/finish, Debug and Information) is never written at these levels,
                    // but while the category is enabled at all, every request pays for a logging scope and an
                    // Activity. The webhook's own lines name the alert; Kestrel's and the endpoints' errors still log.
                    .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LevelAlias.Off)
                    // A probe answered "not ready" is the readiness probe's answer, not an error to log.
                    .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Fatal)
                    // A stop requested while the host starts cancels the start: the host reports that as a
                    // failure, but it is a normal stop, and log-based alerting must not page on it.
                    .Filter.ByExcluding(IsStartCancelledByStop)
                    .Enrich.FromLogContext()
                    .ReadFrom.Configuration(builder.Configuration)
                    // Sinks registered as services (a test's capture of the log) join the configured ones.
                    .ReadFrom.Services(services);
                // Formatting and writing happen on the async sink's own thread, so a request never waits for stdout;
                // when the buffer is full, events are dropped rather than blocking the caller.
                logger.WriteTo.Async(sink =>
                {
                    if (text)
                    {
                        sink.Console(outputTemplate: textTemplate, formatProvider: CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        sink.Console(new CompactJsonFormatter());
                    }
                });
            },
            preserveStaticLogger: true);
        return builder;
    }

    // A user's mistake that stops the start (a port in use) is said in one line by the command line, without a trace.
    private static bool IsStartCancelledByStop(LogEvent logEvent) =>
        (logEvent.Exception is OperationCanceledException || (logEvent.Exception is { } failure && UserError.Describe(failure) is not null)) &&
        logEvent.MessageTemplate.Text == "Hosting failed to start";
}

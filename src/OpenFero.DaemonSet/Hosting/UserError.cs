using System.Net.Sockets;
using k8s.Exceptions;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// Mistakes a person or a configuration makes, said in one line (exit 2); anything else is the program's fault and
/// keeps its stack trace.
/// </summary>
public static class UserError
{
    /// <summary>One line saying what is wrong, or null when <paramref name="error"/> is not a user's mistake.</summary>
    public static string? Describe(Exception error) => error switch
    {
        OptionsValidationException invalid => $"configuration is not valid: {string.Join("; ", invalid.Failures)}",
        AggregateException aggregate when aggregate.InnerExceptions.Select(Describe).ToList() is var lines && lines.All(l => l is not null) =>
            string.Join("; ", lines),
        // The configuration binder's words name the key and the value: "Failed to convert configuration value 'soon' at 'Runner:RolloutTimeout'…".
        InvalidOperationException { InnerException: FormatException or OverflowException or ArgumentException } conversion
            when conversion.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => $"configuration is not valid: {OneLine(conversion.Message)}",
        KubeConfigException kubeconfig => $"no usable kubeconfig: {OneLine(kubeconfig.Message)}",
        FileNotFoundException missing when missing.FileName is { } file => $"no such file: {file}",
        // Kestrel's words for a bad --urls value name the value: "Invalid url: 'notaurl'".
        FormatException invalidUrl when invalidUrl.Message.StartsWith("Invalid url", StringComparison.Ordinal) => $"--urls: {invalidUrl.Message}",
        IOException { InnerException: AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } } taken => OneLine(taken.Message),
        _ => null,
    };

    /// <summary><paramref name="text"/> with its line breaks (and the indents after them) as single spaces.</summary>
    public static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

using System.Text.Json;
using Polly.Timeout;

namespace OpenFero.DaemonSet.Alertmanager;

/// <summary>What counts as Alertmanager failing (after the pipeline's retries), and how a person reads it.</summary>
public static class AlertmanagerFailures
{
    public static bool IsFailure(Exception failure) =>
        failure is HttpRequestException or TimeoutRejectedException or JsonException or IOException or OperationCanceledException;

    public static string Describe(Exception failure) => failure switch
    {
        TimeoutRejectedException or OperationCanceledException => "it did not answer in time",
        JsonException => $"its answer is not the v2 API's JSON ({failure.Message})",
        _ => string.Join(' ', failure.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.'),
    };
}

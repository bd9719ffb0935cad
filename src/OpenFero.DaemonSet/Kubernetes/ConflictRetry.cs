using System.Net;
using k8s.Autorest;

namespace OpenFero.DaemonSet.Kubernetes;

/// <summary>
/// Optimistic concurrency as Kubernetes means it: read, change, write at the read resourceVersion; a 409 Conflict
/// means someone wrote first, so read again and apply the change again. The resilience pipeline never retries a
/// 409: only the caller can re-apply its change.
/// </summary>
public static class ConflictRetry
{
    public const int DefaultAttempts = 5;

    /// <summary>Runs <paramref name="readChangeWrite"/> until it does not end in a 409, at most <paramref name="attempts"/> times; the last 409 is thrown.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> readChangeWrite, int attempts = DefaultAttempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await readChangeWrite();
            }
            catch (HttpOperationException conflict) when (conflict.Response.StatusCode == HttpStatusCode.Conflict && attempt < attempts)
            {
            }
        }
    }

    /// <inheritdoc cref="RunAsync{T}(Func{Task{T}}, int)"/>
    public static Task RunAsync(Func<Task> readChangeWrite, int attempts = DefaultAttempts) =>
        RunAsync(async () =>
        {
            await readChangeWrite();
            return true;
        }, attempts);
}

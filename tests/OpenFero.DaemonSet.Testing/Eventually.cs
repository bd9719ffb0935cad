using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Xunit;
using Xunit.Sdk;

namespace OpenFero.DaemonSet.Testing;

/// <summary>
/// Waits for something the system under test does on its own time. Polls until the condition holds or the bound
/// passes; a timeout fails the test with the reason given and the last thing observed (a value, or the exception
/// the last look threw), so that a failure says what was awaited and how far it got. An exception while looking
/// counts as "not yet" (an object not created yet, a server still starting); cancellation of the test does not, nor
/// does a failed assertion inside the look (a process that exited cannot start answering later).
/// </summary>
public static class Eventually
{
    /// <summary>How long a wait lasts unless told otherwise: generous, since a loaded machine is slow, and only a failure waits it out.</summary>
    public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private const int MaxDescriptionLength = 4000;
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static Task HoldsAsync(Func<bool> condition, string reason, TimeSpan? within = null) =>
        ReachesAsync(() => Task.FromResult(condition()), holds => holds, reason, within);

    [OverloadResolutionPriority(1)]
    public static Task HoldsAsync(Func<Task<bool>> condition, string reason, TimeSpan? within = null) =>
        ReachesAsync(condition, holds => holds, reason, within);

    /// <summary>Observes until <paramref name="accept"/> takes what is observed, and returns that.</summary>
    public static Task<T> ReachesAsync<T>(Func<T> observe, Func<T, bool> accept, string reason, TimeSpan? within = null, Func<T, string>? describe = null) =>
        ReachesAsync(() => Task.FromResult(observe()), accept, reason, within, describe);

    /// <summary>Observes until <paramref name="accept"/> takes what is observed, and returns that.</summary>
    /// <remarks>Preferred for an async lambda, which would otherwise also fit the overload observing a Task.</remarks>
    [OverloadResolutionPriority(1)]
    public static async Task<T> ReachesAsync<T>(Func<Task<T>> observe, Func<T, bool> accept, string reason, TimeSpan? within = null, Func<T, string>? describe = null)
    {
        var bound = within ?? DefaultBound;
        var cancel = TestContext.Current.CancellationToken;
        var started = Stopwatch.GetTimestamp();
        var attempts = 0;
        var last = "nothing: no look finished";
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            attempts++;
            try
            {
                var value = await observe();
                if (accept(value))
                {
                    return value;
                }

                last = describe is null ? Describe(value) : describe(value);
            }
            catch (Exception error) when (!cancel.IsCancellationRequested && error is not IAssertionException)
            {
                last = $"an exception: {error.GetType().Name}: {error.Message}";
            }

            if (Stopwatch.GetElapsedTime(started) >= bound)
            {
                Assert.Fail($"Not within {bound.TotalSeconds:0.###} s ({attempts} looks): {reason}.\nLast observed: {Truncate(last)}");
            }

            await Task.Delay(PollInterval, cancel);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false (the condition did not hold)",
        string s => $"\"{s}\"",
        _ when HasOwnText(value.GetType()) => value.ToString() ?? "",
        _ => AsJson(value),
    };

    /// <summary>Records, numbers and enums say what they hold; other objects (API models, lists) say it as JSON.</summary>
    private static bool HasOwnText(Type type) =>
        type.IsPrimitive || type.IsEnum || type.GetMethod(nameof(ToString), Type.EmptyTypes)?.DeclaringType != typeof(object);

    private static string AsJson(object value)
    {
        try
        {
            return JsonSerializer.Serialize(value, value.GetType(), Json);
        }
        catch (Exception error) when (error is NotSupportedException or InvalidOperationException or JsonException)
        {
            return value.ToString() ?? value.GetType().Name;
        }
    }

    private static string Truncate(string text) =>
        text.Length <= MaxDescriptionLength ? text : string.Concat(text.AsSpan(0, MaxDescriptionLength), $"… ({text.Length - MaxDescriptionLength} more characters)");
}

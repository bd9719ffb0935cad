using System.Globalization;
using k8s.Models;

namespace OpenFero.DaemonSet.Semantics;

/// <summary>maxUnavailable and maxSurge resolved against the desired pod count.</summary>
public sealed record UpdateBudget(int MaxUnavailable, int MaxSurge)
{
    /// <summary>
    /// <c>UnavailableCount</c>/<c>SurgeCount</c> then the rolling update's guard: percentages round up against
    /// desiredNumberScheduled; OnDelete has no budget; both zero with pods desired means maxUnavailable 1.
    /// </summary>
    public static UpdateBudget Resolve(V1DaemonSet daemonSet, int desiredNumberScheduled)
    {
        var strategy = daemonSet.Spec.UpdateStrategy;
        if (strategy is not null && strategy.Type is not (null or "RollingUpdate"))
        {
            return new UpdateBudget(0, 0);
        }

        // An unset strategy is the API server's default: RollingUpdate, maxUnavailable 1, maxSurge 0.
        var unavailable = Scale(strategy?.RollingUpdate?.MaxUnavailable, desiredNumberScheduled, fallback: 1);
        var surge = Scale(strategy?.RollingUpdate?.MaxSurge, desiredNumberScheduled, fallback: 0);
        if (desiredNumberScheduled > 0 && unavailable == 0 && surge == 0)
        {
            unavailable = 1;
        }

        return new UpdateBudget(unavailable, surge);
    }

    /// <summary><c>GetScaledValueFromIntOrPercent(value, total, roundUp: true)</c>.</summary>
    public static int Scale(IntOrString? value, int total, int fallback)
    {
        var text = value?.Value;
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (text.EndsWith('%'))
        {
            var percent = int.Parse(text[..^1], NumberStyles.Integer, CultureInfo.InvariantCulture);
            return (int)Math.Ceiling(percent * total / 100.0);
        }

        return int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }
}

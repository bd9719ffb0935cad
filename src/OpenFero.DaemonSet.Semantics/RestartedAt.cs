using System.Globalization;

namespace OpenFero.DaemonSet.Semantics;

/// <summary>kubectl rollout restart's annotation on the pod template, and its value (Go's RFC 3339, to the second).</summary>
public static class RestartedAt
{
    public const string AnnotationKey = "kubectl.kubernetes.io/restartedAt";

    public static string Format(DateTimeOffset at) => at.Offset == TimeSpan.Zero
        ? at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

namespace OpenFero.DaemonSet.Templates;

/// <summary>
/// A valid template failed on this alert's data (a missing label with <c>missingkey=error</c>, a comparison of
/// incompatible values). The message reads like Go's, e.g.
/// <c>template: NAME:1:3: executing "NAME" at &lt;.Alert.Labels.pod&gt;: map has no entry for key "pod"</c>.
/// </summary>
public sealed class TemplateExecutionException(string message) : Exception(message);

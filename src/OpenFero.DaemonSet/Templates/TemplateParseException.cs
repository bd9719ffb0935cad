namespace OpenFero.DaemonSet.Templates;

/// <summary>
/// The template text is not a valid Go template (unbalanced braces, an unknown function, bad syntax). It is a fault of
/// the Operarius, not of an alert: the message reads like Go's, e.g. <c>template: NAME:1: function "foo" not defined</c>.
/// </summary>
public sealed class TemplateParseException(string message) : Exception(message);

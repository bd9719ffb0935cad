namespace OpenFero.DaemonSet.Templates;

/// <summary>
/// A Go <c>text/template</c> as OpenFero renders one in a Job's env values, <c>command</c> and <c>args</c>: option
/// <c>missingkey=error</c> and only Go's builtin functions. Parse once per Operarius; the parsed template is
/// immutable and can be rendered for many alerts on many threads.
/// </summary>
/// <remarks>
/// Values from the alert are written out as data and never parsed again: a label value containing <c>{{ … }}</c>
/// comes out literally. This differs on purpose from OpenFero, which also templates the <c>OPENFERO_*</c> env values
/// it makes from labels, so that a label value is run as a template there.
/// As in Go, only a field (<c>.Labels.pod</c>) fails on a missing key; <c>index .Labels "pod"</c> gives "" for it.
/// <c>printf</c> knows the verbs <c>%s %d %v %q %t %x %%</c> without width or precision.
/// Not supported (refused at parse): <c>define</c>, <c>template</c>, <c>block</c>.
/// </remarks>
public sealed class GoTemplate
{
    private readonly ListNode root;

    private GoTemplate(string name, string text, ListNode root) => (Name, Text, this.root) = (name, text, root);

    public string Name { get; }

    public string Text { get; }

    internal ListNode Root => root;

    /// <summary>Parses <paramref name="text"/>; <paramref name="name"/> appears in messages as Go's template name does.</summary>
    /// <exception cref="TemplateParseException">The text is not a valid template.</exception>
    public static GoTemplate Parse(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        return new GoTemplate(name, text, TemplateParser.Parse(name, text));
    }

    /// <summary>Renders the template with an alert's data.</summary>
    /// <exception cref="TemplateExecutionException">The data lacks what the template asks for, or a builtin refused it.</exception>
    public string Render(TemplateData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new TemplateExecutor(Name, Text).Execute(root, data.Root);
    }
}

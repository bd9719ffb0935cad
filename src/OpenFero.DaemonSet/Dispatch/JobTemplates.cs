using k8s.Models;
using OpenFero.DaemonSet.Templates;
using Splicing = OpenFero.DaemonSet.Templates.ShellSplicing;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// The Go templates of an Operarius' jobTemplate, parsed once: every env value, <c>command</c> and <c>args</c> entry
/// holding <c>{{</c>, in every container and initContainer. Each is named after its place
/// (<c>kubectl.args[2]</c>, <c>kubectl.env.TARGET</c>), so Go's messages say where. A text that does not parse is a
/// <see cref="ParseErrors"/> entry; a shell script spliced with alert data is a <see cref="ShellSplicing"/> entry.
/// Rendering writes one alert's values into a copy of the pod spec; a rendered value is data, never parsed again.
/// </summary>
public sealed class JobTemplates
{
    private readonly Dictionary<string, GoTemplate> templates;

    private JobTemplates(Dictionary<string, GoTemplate> templates, IReadOnlyList<string> parseErrors, IReadOnlyList<string> shellSplicing) =>
        (this.templates, ParseErrors, ShellSplicing) = (templates, parseErrors, shellSplicing);

    /// <summary>Where a text does not parse, and Go's error: <c>container kubectl, args[2]: template: …</c>.</summary>
    public IReadOnlyList<string> ParseErrors { get; }

    /// <summary>Containers whose shell script splices a label or annotation value: <c>container fixer: sh -c runs …</c>.</summary>
    public IReadOnlyList<string> ShellSplicing { get; }

    /// <summary>Whether any string of the jobTemplate is a template: without one, building a Job renders nothing.</summary>
    public bool Any => templates.Count > 0 || ParseErrors.Count > 0;

    public static JobTemplates Parse(V1JobTemplateSpec? jobTemplate)
    {
        var templates = new Dictionary<string, GoTemplate>(StringComparer.Ordinal);
        var parseErrors = new List<string>();
        var shellSplicing = new List<string>();
        foreach (var container in Containers(jobTemplate?.Spec?.Template?.Spec))
        {
            foreach (var (place, text) in Templated(container))
            {
                try
                {
                    templates.TryAdd(place.Name, GoTemplate.Parse(place.Name, text));
                }
                catch (TemplateParseException error)
                {
                    parseErrors.Add($"container {place.Container}, {place.Field}: {error.Message}");
                }
            }

            if (Splicing.Find(container.Command?.ToList() ?? [], container.Args?.ToList() ?? []) is { } splicing)
            {
                shellSplicing.Add($"container {container.Name}: {splicing}");
            }
        }

        return new JobTemplates(templates, parseErrors, shellSplicing);
    }

    /// <summary>Renders every template of <paramref name="podSpec"/> (a copy of the jobTemplate's) in place with one alert's data.</summary>
    /// <exception cref="TemplateExecutionException">
    /// The alert lacks a key a template names, or a builtin refused its data: <c>container kubectl, args[2]: template: …</c>.
    /// </exception>
    /// <exception cref="InvalidOperationException">A template does not parse (<see cref="ParseErrors"/>): no Job can be built.</exception>
    public void Render(V1PodSpec? podSpec, TemplateData data)
    {
        if (ParseErrors.Count > 0)
        {
            throw new InvalidOperationException("the jobTemplate has templates that do not parse: " + string.Join("; ", ParseErrors));
        }

        foreach (var container in Containers(podSpec))
        {
            Render(container.Command, container.Name, "command", data);
            Render(container.Args, container.Name, "args", data);
            foreach (var env in container.Env ?? [])
            {
                if (IsTemplate(env.Value))
                {
                    env.Value = Render(Place.Env(container.Name, env.Name), env.Value, data);
                }
            }
        }
    }

    private void Render(IList<string>? values, string container, string field, TemplateData data)
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            if (IsTemplate(values![i]))
            {
                values[i] = Render(Place.Item(container, field, i), values[i], data);
            }
        }
    }

    private string Render(Place place, string text, TemplateData data)
    {
        // Parsed with the Operarius; a text that differs (a spec copied from another version) is parsed here.
        var template = templates.TryGetValue(place.Name, out var parsed) && string.Equals(parsed.Text, text, StringComparison.Ordinal)
            ? parsed
            : GoTemplate.Parse(place.Name, text);
        try
        {
            return template.Render(data);
        }
        catch (TemplateExecutionException error)
        {
            throw new TemplateExecutionException($"container {place.Container}, {place.Field}: {error.Message}");
        }
    }

    private static bool IsTemplate(string? text) => text is not null && text.Contains("{{", StringComparison.Ordinal);

    private static IEnumerable<V1Container> Containers(V1PodSpec? podSpec) =>
        (podSpec?.Containers ?? []).Concat(podSpec?.InitContainers ?? []);

    private static IEnumerable<(Place Place, string Text)> Templated(V1Container container)
    {
        for (var i = 0; i < (container.Command?.Count ?? 0); i++)
        {
            if (IsTemplate(container.Command![i]))
            {
                yield return (Place.Item(container.Name, "command", i), container.Command[i]);
            }
        }

        for (var i = 0; i < (container.Args?.Count ?? 0); i++)
        {
            if (IsTemplate(container.Args![i]))
            {
                yield return (Place.Item(container.Name, "args", i), container.Args[i]);
            }
        }

        foreach (var env in container.Env ?? [])
        {
            if (IsTemplate(env.Value))
            {
                yield return (Place.Env(container.Name, env.Name), env.Value);
            }
        }
    }

    /// <summary>A templated string's place: <see cref="Name"/> is the template's name in Go's messages, <see cref="Field"/> the field in a sentence.</summary>
    private readonly record struct Place(string Container, string Name, string Field)
    {
        public static Place Item(string container, string field, int index) => new(container, $"{container}.{field}[{index}]", $"{field}[{index}]");

        public static Place Env(string container, string variable) => new(container, $"{container}.env.{variable}", $"env {variable}");
    }
}

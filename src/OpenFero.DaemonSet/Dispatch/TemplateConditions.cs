using k8s.Models;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// What an Operarius' status says of its templates, as conditions: <c>TemplatesValid</c> (False with Go's error when
/// one does not parse: its alerts get no Job) and <c>ShellSplicing</c> (True when a shell script splices alert data:
/// its Jobs are still created). An Operarius without templates gets neither, unless it had them before.
/// </summary>
public static class TemplateConditions
{
    public const string TemplatesValid = nameof(TemplatesValid);
    public const string ShellSplicing = nameof(ShellSplicing);
    public const string TemplateParseError = nameof(TemplateParseError);
    public const string AlertDataInShellScript = nameof(AlertDataInShellScript);

    /// <summary>metav1.Condition's limit on a message.</summary>
    private const int MaxMessageLength = 32768;

    /// <summary>The conditions <paramref name="templates"/> call for, given those already on the status.</summary>
    public static IReadOnlyList<V1Condition> For(JobTemplates templates, IReadOnlyCollection<V1Condition> current, long? generation)
    {
        var conditions = new List<V1Condition>();
        if (templates.ParseErrors.Count > 0)
        {
            conditions.Add(Condition(TemplatesValid, false, TemplateParseError,
                "no Job is created for its alerts until the jobTemplate is fixed: " + string.Join("; ", templates.ParseErrors), generation));
        }
        else if (templates.Any || current.Any(c => c.Type == TemplatesValid))
        {
            conditions.Add(Condition(TemplatesValid, true, "TemplatesParsed", "every template of the jobTemplate parses", generation));
        }

        if (templates.ShellSplicing.Count > 0)
        {
            conditions.Add(Condition(ShellSplicing, true, AlertDataInShellScript, string.Join("; ", templates.ShellSplicing), generation));
        }
        else if (current.Any(c => c.Type == ShellSplicing))
        {
            conditions.Add(Condition(ShellSplicing, false, "NoShellSplicing", "no container splices alert data into a shell script", generation));
        }

        return conditions;
    }

    /// <summary>The conditions of <paramref name="wanted"/> that <paramref name="current"/> does not already hold as they are.</summary>
    public static IReadOnlyList<V1Condition> Changes(IReadOnlyCollection<V1Condition> current, IReadOnlyList<V1Condition> wanted) =>
        wanted.Where(w => !current.Any(c => c.Type == w.Type && c.Status == w.Status && c.Reason == w.Reason && c.Message == w.Message &&
            c.ObservedGeneration == w.ObservedGeneration)).ToList();

    /// <summary>
    /// Puts the conditions <paramref name="templates"/> call for on <paramref name="status"/>, each keeping its
    /// lastTransitionTime while its status stays; returns those that changed (none: nothing to write).
    /// </summary>
    public static IReadOnlyList<V1Condition> Apply(OperariusStatus status, JobTemplates templates, long? generation, DateTime now)
    {
        var conditions = status.Conditions?.ToList() ?? [];
        var changed = Changes(conditions, For(templates, conditions, generation));
        foreach (var condition in changed)
        {
            var index = conditions.FindIndex(c => c.Type == condition.Type);
            condition.LastTransitionTime = index >= 0 && conditions[index].Status == condition.Status ? conditions[index].LastTransitionTime : now;
            if (index >= 0)
            {
                conditions[index] = condition;
            }
            else
            {
                conditions.Add(condition);
            }
        }

        if (changed.Count > 0)
        {
            status.Conditions = conditions;
        }

        return changed;
    }

    /// <summary>Whether a condition asks a person to act: templates that do not parse, or alert data spliced into a shell script.</summary>
    public static bool IsWarning(V1Condition condition) =>
        (condition.Type == TemplatesValid && condition.Status == "False") || (condition.Type == ShellSplicing && condition.Status == "True");

    private static V1Condition Condition(string type, bool status, string reason, string message, long? generation) => new()
    {
        Type = type,
        Status = status ? "True" : "False",
        Reason = reason,
        Message = message.Length > MaxMessageLength ? message[..MaxMessageLength] : message,
        ObservedGeneration = generation,
    };
}

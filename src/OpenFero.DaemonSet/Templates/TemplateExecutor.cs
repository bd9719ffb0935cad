using System.Text;

namespace OpenFero.DaemonSet.Templates;

/// <summary>
/// Runs a parse tree over data as Go's <c>text/template</c> executes with <c>missingkey=error</c>. One executor per
/// render: it holds the output, the variable stack and the node being evaluated (for the error message).
/// Values from the data are only ever written out, never parsed again.
/// </summary>
internal sealed partial class TemplateExecutor(string name, string text)
{
    // Marks "no value piped in", as Go's missingVal does, so a pipeline stage knows whether it received one.
    private static readonly object NoFinal = new();

    private readonly StringBuilder output = new();
    private readonly List<KeyValuePair<string, object?>> variables = [];
    private TemplateNode? current;

    public string Execute(ListNode root, object? data)
    {
        variables.Add(new("$", data));
        Walk(data, root);
        return output.ToString();
    }

    private void Walk(object? dot, TemplateNode node)
    {
        current = node;
        switch (node)
        {
            case TextNode textNode:
                output.Append(textNode.Text);
                break;
            case CommentNode:
                break;
            case ListNode list:
                foreach (var child in list.Nodes)
                {
                    Walk(dot, child);
                }

                break;
            case ActionNode action:
                // Variables declared by an action live until the end of the enclosing block.
                var value = EvalPipeline(dot, action.Pipe);
                if (action.Pipe.Declarations.Count == 0)
                {
                    current = action;
                    output.Append(value is null ? "<no value>" : GoFormat.Value(value));
                }

                break;
            case BranchNode { Kind: BranchKind.Range } range:
                WalkRange(dot, range);
                break;
            case BranchNode branch:
                WalkIfOrWith(dot, branch);
                break;
            case LoopControlNode loopControl:
                throw new LoopControl(loopControl.IsBreak);
            default:
                throw Error($"unknown node: {node}");
        }
    }

    private void WalkIfOrWith(object? dot, BranchNode branch)
    {
        var mark = variables.Count;
        var value = EvalPipeline(dot, branch.Pipe);
        if (GoValues.IsTrue(value))
        {
            Walk(branch.Kind == BranchKind.With ? value : dot, branch.List);
        }
        else if (branch.ElseList is { } elseList)
        {
            Walk(dot, elseList);
        }

        variables.RemoveRange(mark, variables.Count - mark);
    }

    private void WalkRange(object? dot, BranchNode range)
    {
        current = range;
        var outer = variables.Count;
        var value = EvalPipeline(dot, range.Pipe);
        var elements = value switch
        {
            null => [],
            IReadOnlyDictionary<string, string> map => map.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => new KeyValuePair<object?, object?>(e.Key, e.Value)).ToList(),
            GoList list => list.Items.Select((item, i) => new KeyValuePair<object?, object?>((long)i, item)).ToList(),
            long count => Enumerable.Range(0, (int)Math.Max(0, count)).Select(i => new KeyValuePair<object?, object?>((long)i, (long)i)).ToList(),
            _ => throw Error($"range can't iterate over {GoFormat.Value(value)}"),
        };

        var mark = variables.Count;
        var declared = range.Pipe.Declarations.Count;
        foreach (var (index, element) in elements)
        {
            // The last declared variable gets the element, the one before it the key or index.
            if (declared > 0)
            {
                variables[mark - 1] = new(variables[mark - 1].Key, element);
            }

            if (declared > 1)
            {
                variables[mark - 2] = new(variables[mark - 2].Key, index);
            }

            try
            {
                Walk(element, range.List);
            }
            catch (LoopControl control) when (control.IsBreak)
            {
                break;
            }
            catch (LoopControl)
            {
            }
            finally
            {
                variables.RemoveRange(mark, variables.Count - mark);
            }
        }

        if (elements.Count == 0 && range.ElseList is { } elseList)
        {
            Walk(dot, elseList);
        }

        variables.RemoveRange(outer, variables.Count - outer);
    }

    private TemplateExecutionException Error(string message)
    {
        if (current is null)
        {
            return new TemplateExecutionException($"template: {name}: {message}");
        }

        var position = Math.Min(current.Position, text.Length);
        var lineStart = text.LastIndexOf('\n', Math.Max(0, position - 1)) is var newline and >= 0 && position > 0 ? newline + 1 : 0;
        var line = 1 + text.AsSpan(0, position).Count('\n');
        var context = current.ToString()!;
        context = context.Length > 20 ? context[..20] + "..." : context;
        return new TemplateExecutionException(
            $"template: {name}:{line}:{Encoding.UTF8.GetByteCount(text.AsSpan(lineStart, position - lineStart))}: executing {GoEscaping.Quote(name)} at <{context}>: {message}");
    }

    private sealed class LoopControl(bool isBreak) : Exception
    {
        public bool IsBreak { get; } = isBreak;
    }
}

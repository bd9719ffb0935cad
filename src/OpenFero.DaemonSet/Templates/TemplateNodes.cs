namespace OpenFero.DaemonSet.Templates;

// The parse tree of a template, as Go's text/template/parse builds it. Nodes are immutable, so one parsed
// template can be rendered by many threads. ToString gives Go's rendering of a node, used in error messages.

internal abstract record TemplateNode(int Position);

internal sealed record ListNode(int Position, IReadOnlyList<TemplateNode> Nodes) : TemplateNode(Position);

internal sealed record TextNode(int Position, string Text) : TemplateNode(Position);

internal sealed record CommentNode(int Position) : TemplateNode(Position);

internal sealed record ActionNode(int Position, PipeNode Pipe) : TemplateNode(Position)
{
    public override string ToString() => "{{" + Pipe + "}}";
}

internal enum BranchKind
{
    If,
    With,
    Range,
}

/// <summary><c>if</c>, <c>with</c> or <c>range</c>: a pipeline, what runs when it is true (or per element), and the else branch.</summary>
internal sealed record BranchNode(int Position, BranchKind Kind, PipeNode Pipe, ListNode List, ListNode? ElseList) : TemplateNode(Position);

/// <summary><c>{{break}}</c> or <c>{{continue}}</c> inside a range.</summary>
internal sealed record LoopControlNode(int Position, bool IsBreak) : TemplateNode(Position);

internal sealed record PipeNode(int Position, bool IsAssign, IReadOnlyList<string> Declarations, IReadOnlyList<CommandNode> Commands)
    : TemplateNode(Position)
{
    public override string ToString() =>
        (Declarations.Count > 0 ? string.Join(", ", Declarations) + (IsAssign ? " = " : " := ") : "")
        + string.Join(" | ", Commands);
}

internal sealed record CommandNode(int Position, IReadOnlyList<TemplateNode> Args) : TemplateNode(Position)
{
    public override string ToString() => string.Join(" ", Args.Select(a => a is PipeNode ? $"({a})" : a.ToString()));
}

internal sealed record IdentifierNode(int Position, string Name) : TemplateNode(Position)
{
    public override string ToString() => Name;
}

/// <summary><c>$</c>, <c>$x</c> or <c>$x.Field.Field</c>: the variable name first, then the fields.</summary>
internal sealed record VariableNode(int Position, IReadOnlyList<string> Ident) : TemplateNode(Position)
{
    public override string ToString() => string.Join(".", Ident);
}

internal sealed record FieldNode(int Position, IReadOnlyList<string> Ident) : TemplateNode(Position)
{
    public override string ToString() => string.Concat(Ident.Select(i => "." + i));
}

/// <summary>A term followed by fields, e.g. <c>(index .Alerts 0).Labels</c>.</summary>
internal sealed record ChainNode(int Position, TemplateNode Node, IReadOnlyList<string> Fields) : TemplateNode(Position)
{
    public override string ToString() =>
        (Node is PipeNode ? $"({Node})" : Node.ToString()) + string.Concat(Fields.Select(f => "." + f));
}

internal sealed record DotNode(int Position) : TemplateNode(Position)
{
    public override string ToString() => ".";
}

internal sealed record NilNode(int Position) : TemplateNode(Position)
{
    public override string ToString() => "nil";
}

internal sealed record BoolNode(int Position, bool Value) : TemplateNode(Position)
{
    public override string ToString() => Value ? "true" : "false";
}

/// <summary>A number literal: Go gives it type int when it is integral (also for a character like <c>'a'</c>), else float64.</summary>
internal sealed record NumberNode(int Position, string Text, object Value) : TemplateNode(Position)
{
    public override string ToString() => Text;
}

internal sealed record StringNode(int Position, string Quoted, string Value) : TemplateNode(Position)
{
    public override string ToString() => Quoted;
}

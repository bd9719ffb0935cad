
namespace OpenFero.DaemonSet.Templates;

/// <summary>
/// Builds the parse tree from tokens with the checks Go's parser makes before anything runs: functions must exist
/// (only Go's builtins, as OpenFero passes an empty FuncMap), variables must be declared, blocks must be closed.
/// </summary>
internal sealed partial class TemplateParser
{
    private readonly string name;
    private readonly IReadOnlyList<TemplateToken> tokens;
    private readonly List<string> variables = ["$"];
    private int next;
    private int rangeDepth;

    private TemplateParser(string name, IReadOnlyList<TemplateToken> tokens) => (this.name, this.tokens) = (name, tokens);

    public static ListNode Parse(string name, string text) =>
        new TemplateParser(name, TemplateLexer.Lex(name, text)).ParseRoot();

    private ListNode ParseRoot()
    {
        var nodes = new List<TemplateNode>();
        while (Peek().Kind != TokenKind.Eof)
        {
            var node = TextOrAction();
            if (node is EndMarker or ElseMarker)
            {
                throw Error($"unexpected {(node is EndMarker ? "{{end}}" : "{{else}}")}");
            }

            nodes.Add(node);
        }

        return new ListNode(0, nodes);
    }

    private (ListNode List, TemplateNode Terminator) ItemList()
    {
        var nodes = new List<TemplateNode>();
        var start = Peek().Position;
        while (Peek().Kind != TokenKind.Eof)
        {
            var node = TextOrAction();
            if (node is EndMarker or ElseMarker)
            {
                return (new ListNode(start, nodes), node);
            }

            nodes.Add(node);
        }

        throw Error("unexpected EOF");
    }

    private TemplateNode TextOrAction()
    {
        var token = Next();
        return token.Kind switch
        {
            TokenKind.Text => new TextNode(token.Position, token.Text),
            TokenKind.Comment => new CommentNode(token.Position),
            TokenKind.LeftDelim => Action(),
            _ => throw Unexpected(token, "input"),
        };
    }

    private TemplateNode Action()
    {
        var token = NextNonSpace();
        if (token.Kind == TokenKind.Keyword)
        {
            return token.Text switch
            {
                "if" => Branch(BranchKind.If, token),
                "with" => Branch(BranchKind.With, token),
                "range" => Branch(BranchKind.Range, token),
                "else" => Else(token),
                "end" => End(token),
                "break" or "continue" => LoopControl(token),
                _ => throw Error($"{{{{{token.Text}}}}} is not supported in an Operarius template"),
            };
        }

        Backup();
        var position = Peek().Position;
        return new ActionNode(position, Pipeline("command", TokenKind.RightDelim));
    }

    private TemplateNode Branch(BranchKind kind, TemplateToken keyword)
    {
        var context = kind.ToString().ToLowerInvariant();
        var mark = variables.Count;
        try
        {
            var pipe = Pipeline(context, TokenKind.RightDelim);
            rangeDepth += kind == BranchKind.Range ? 1 : 0;
            var (list, terminator) = ItemList();
            rangeDepth -= kind == BranchKind.Range ? 1 : 0;
            ListNode? elseList = null;
            if (terminator is ElseMarker elseMarker)
            {
                // {{else if …}} and {{else with …}} are an if/with inside the else branch that shares the {{end}}.
                if (elseMarker.Chained is { } chained && kind != BranchKind.Range)
                {
                    var nested = Branch(chained, keyword);
                    return new BranchNode(keyword.Position, kind, pipe, list, new ListNode(nested.Position, [nested]));
                }

                (elseList, terminator) = ItemList();
                if (terminator is not EndMarker)
                {
                    throw Error("expected end; found {{else}}");
                }
            }

            return new BranchNode(keyword.Position, kind, pipe, list, elseList);
        }
        finally
        {
            variables.RemoveRange(mark, variables.Count - mark);
        }
    }

    private ElseMarker Else(TemplateToken token)
    {
        var peek = PeekNonSpace();
        if (peek is { Kind: TokenKind.Keyword, Text: "if" or "with" })
        {
            Next();
            return new ElseMarker(token.Position, peek.Text == "if" ? BranchKind.If : BranchKind.With);
        }

        Expect(TokenKind.RightDelim, "else");
        return new ElseMarker(token.Position, null);
    }

    private EndMarker End(TemplateToken token)
    {
        Expect(TokenKind.RightDelim, "end");
        return new EndMarker(token.Position);
    }

    private LoopControlNode LoopControl(TemplateToken token)
    {
        Expect(TokenKind.RightDelim, token.Text);
        return rangeDepth > 0
            ? new LoopControlNode(token.Position, token.Text == "break")
            : throw Error($"{{{{{token.Text}}}}} outside {{{{range}}}}");
    }

    private void Expect(TokenKind kind, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != kind)
        {
            throw Unexpected(token, context);
        }
    }

    private TemplateToken Next() => tokens[Math.Min(next++, tokens.Count - 1)];

    private void Backup() => next--;

    private TemplateToken Peek() => tokens[Math.Min(next, tokens.Count - 1)];

    private TemplateToken NextNonSpace()
    {
        var token = Next();
        while (token.Kind == TokenKind.Space)
        {
            token = Next();
        }

        return token;
    }

    private TemplateToken PeekNonSpace()
    {
        var token = NextNonSpace();
        Backup();
        return token;
    }

    private TemplateParseException Unexpected(TemplateToken token, string context) => Error($"unexpected {token} in {context}");

    private TemplateParseException Error(string message) =>
        new($"template: {name}:{tokens[Math.Clamp(next - 1, 0, tokens.Count - 1)].Line}: {message}");

    private sealed record EndMarker(int Position) : TemplateNode(Position);

    private sealed record ElseMarker(int Position, BranchKind? Chained) : TemplateNode(Position);
}

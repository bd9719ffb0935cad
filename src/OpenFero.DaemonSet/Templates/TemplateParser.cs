using System.Globalization;

namespace OpenFero.DaemonSet.Templates;

/// <summary>
/// Builds the parse tree from tokens with the checks Go's parser makes before anything runs: functions must exist
/// (only Go's builtins, as OpenFero passes an empty FuncMap), variables must be declared, blocks must be closed.
/// </summary>
internal sealed class TemplateParser
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

    private PipeNode Pipeline(string context, TokenKind end)
    {
        var position = PeekNonSpace().Position;
        var (declarations, isAssign) = Declarations(context);
        var commands = new List<CommandNode>();
        while (true)
        {
            var token = NextNonSpace();
            if (token.Kind == end)
            {
                break;
            }

            if (token.Kind is TokenKind.Bool or TokenKind.Char or TokenKind.Dot or TokenKind.Field or TokenKind.Identifier
                or TokenKind.Number or TokenKind.Nil or TokenKind.RawString or TokenKind.String or TokenKind.Variable
                or TokenKind.LeftParen)
            {
                Backup();
                commands.Add(Command());
                continue;
            }

            throw Unexpected(token, context);
        }

        if (commands.Count == 0)
        {
            throw Error($"missing value for {context}");
        }

        for (var i = 1; i < commands.Count; i++)
        {
            if (commands[i].Args[0] is BoolNode or DotNode or NilNode or NumberNode or StringNode)
            {
                throw Error($"non executable command in pipeline stage {i + 1}");
            }
        }

        return new PipeNode(position, isAssign, declarations, commands);
    }

    private (List<string> Declarations, bool IsAssign) Declarations(string context)
    {
        var declarations = new List<string>();
        var start = next;
        while (PeekNonSpace() is { Kind: TokenKind.Variable } variable)
        {
            NextNonSpace();
            var after = NextNonSpace();
            if (after.Kind is TokenKind.Declare or TokenKind.Assign)
            {
                declarations.Add(variable.Text);
                if (after.Kind == TokenKind.Assign && !variables.Contains(variable.Text))
                {
                    throw Error($"undefined variable {GoEscaping.Quote(variable.Text)}");
                }

                variables.Add(variable.Text);
                return (declarations, after.Kind == TokenKind.Assign);
            }

            if (after.Kind == TokenKind.Comma && context == "range" && declarations.Count == 0)
            {
                declarations.Add(variable.Text);
                variables.Add(variable.Text);
                continue;
            }

            if (after.Kind == TokenKind.Comma)
            {
                throw Error($"too many declarations in {context}");
            }

            break;
        }

        if (declarations.Count > 0)
        {
            throw Error($"missing := after {declarations[0]}");
        }

        next = start;
        return (declarations, false);
    }

    private CommandNode Command()
    {
        var position = PeekNonSpace().Position;
        var args = new List<TemplateNode>();
        while (true)
        {
            PeekNonSpace();
            if (Operand() is { } operand)
            {
                args.Add(operand);
            }

            var token = Next();
            if (token.Kind == TokenKind.Space)
            {
                continue;
            }

            if (token.Kind is TokenKind.RightDelim or TokenKind.RightParen)
            {
                Backup();
            }
            else if (token.Kind != TokenKind.Pipe)
            {
                throw Unexpected(token, "operand");
            }

            break;
        }

        return args.Count > 0 ? new CommandNode(position, args) : throw Error("empty command");
    }

    private TemplateNode? Operand()
    {
        var term = Term();
        if (term is null || Peek().Kind != TokenKind.Field)
        {
            return term;
        }

        var fields = new List<string>();
        while (Peek().Kind == TokenKind.Field)
        {
            fields.Add(Next().Text[1..]);
        }

        return term switch
        {
            FieldNode field => new FieldNode(field.Position, [.. field.Ident, .. fields]),
            VariableNode variable => new VariableNode(variable.Position, [.. variable.Ident, .. fields]),
            BoolNode or StringNode or NumberNode or NilNode or DotNode => throw Error($"unexpected . after term {GoEscaping.Quote(term.ToString()!)}"),
            _ => new ChainNode(term.Position, term, fields),
        };
    }

    private TemplateNode? Term()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                return GoBuiltins.IsDefined(token.Text)
                    ? new IdentifierNode(token.Position, token.Text)
                    : throw Error($"function {GoEscaping.Quote(token.Text)} not defined");
            case TokenKind.Dot:
                return new DotNode(token.Position);
            case TokenKind.Nil:
                return new NilNode(token.Position);
            case TokenKind.Variable:
                return variables.Contains(token.Text)
                    ? new VariableNode(token.Position, [token.Text])
                    : throw Error($"undefined variable {GoEscaping.Quote(token.Text)}");
            case TokenKind.Field:
                return new FieldNode(token.Position, [token.Text[1..]]);
            case TokenKind.Bool:
                return new BoolNode(token.Position, token.Text == "true");
            case TokenKind.Number or TokenKind.Char:
                return Number(token);
            case TokenKind.LeftParen:
                return Pipeline("parenthesized pipeline", TokenKind.RightParen);
            case TokenKind.String or TokenKind.RawString:
                return GoEscaping.Unquote(token.Text) is { } text
                    ? new StringNode(token.Position, token.Text, text)
                    : throw Error($"invalid syntax: {token.Text}");
            default:
                Backup();
                return null;
        }
    }

    private NumberNode Number(TemplateToken token)
    {
        if (token.Kind == TokenKind.Char)
        {
            return GoEscaping.Unquote(token.Text) is { } c && c.EnumerateRunes().Count() == 1
                ? new NumberNode(token.Position, token.Text, (long)c.EnumerateRunes().First().Value)
                : throw Error($"malformed character constant: {token.Text}");
        }

        var text = token.Text.Replace("_", "", StringComparison.Ordinal);
        var negative = text.StartsWith('-');
        var digits = text.TrimStart('+', '-');
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return new NumberNode(token.Position, token.Text, negative ? -hex : hex);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return new NumberNode(token.Position, token.Text, integer);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            return new NumberNode(token.Position, token.Text, real == Math.Floor(real) && !text.Contains('.') && !text.Contains('e') && !text.Contains('E') ? (long)real : real);
        }

        throw Error($"illegal number syntax: {GoEscaping.Quote(token.Text)}");
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

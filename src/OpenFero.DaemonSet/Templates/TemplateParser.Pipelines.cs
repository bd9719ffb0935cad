using System.Globalization;

namespace OpenFero.DaemonSet.Templates;

/// <summary>Pipelines and their operands: declarations, commands, fields, variables, function names and literals.</summary>
internal sealed partial class TemplateParser
{
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
            return new NumberNode(token.Position, token.Text, real);
        }

        throw Error($"illegal number syntax: {GoEscaping.Quote(token.Text)}");
    }
}

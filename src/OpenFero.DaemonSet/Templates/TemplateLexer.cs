namespace OpenFero.DaemonSet.Templates;

/// <summary>
/// Splits template text into tokens the way Go's <c>text/template/parse</c> lexer does, including the
/// <c>{{- </c> / <c> -}}</c> trim markers (which remove the whitespace of the neighbouring text) and comments.
/// </summary>
internal sealed class TemplateLexer(string name, string input)
{
    private const string LeftDelim = "{{";
    private const string RightDelim = "}}";

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue",
    };

    private readonly List<TemplateToken> tokens = [];
    private int pos;
    private bool trimNextText;
    private int actionLine;

    public static IReadOnlyList<TemplateToken> Lex(string name, string input) => new TemplateLexer(name, input).Run();

    private IReadOnlyList<TemplateToken> Run()
    {
        while (pos < input.Length)
        {
            LexText();
        }

        Emit(TokenKind.Eof, "", input.Length);
        return tokens;
    }

    private void LexText()
    {
        var delim = input.IndexOf(LeftDelim, pos, StringComparison.Ordinal);
        var end = delim < 0 ? input.Length : delim;
        var text = input[pos..end];
        if (trimNextText)
        {
            text = text.TrimStart(GoSpace);
            trimNextText = false;
        }

        var trimLeft = delim >= 0 && HasLeftTrimMarker(delim + LeftDelim.Length);
        if (trimLeft)
        {
            text = text.TrimEnd(GoSpace);
        }

        if (text.Length > 0)
        {
            Emit(TokenKind.Text, text, pos);
        }

        if (delim < 0)
        {
            pos = input.Length;
            return;
        }

        pos = delim + LeftDelim.Length + (trimLeft ? 2 : 0);
        if (string.CompareOrdinal(input, pos, "/*", 0, 2) == 0)
        {
            LexComment(delim);
            return;
        }

        Emit(TokenKind.LeftDelim, LeftDelim, delim);
        actionLine = LineAt(delim);
        LexInsideAction();
        actionLine = 0;
    }

    private void LexComment(int start)
    {
        var close = input.IndexOf("*/", pos + 2, StringComparison.Ordinal);
        if (close < 0)
        {
            throw Error("unclosed comment", start);
        }

        pos = close + 2;
        if (AtRightDelim(out var trim))
        {
            Emit(TokenKind.Comment, input[start..pos], start);
            pos += (trim ? 2 : 0) + RightDelim.Length;
            trimNextText = trim;
            return;
        }

        throw Error("comment ends before closing delimiter", start);
    }

    private void LexInsideAction()
    {
        var parenDepth = 0;
        while (true)
        {
            if (AtRightDelim(out var trim))
            {
                if (parenDepth > 0)
                {
                    throw Error("unclosed left paren", pos);
                }

                pos += trim ? 2 : 0;
                Emit(TokenKind.RightDelim, RightDelim, pos);
                pos += RightDelim.Length;
                trimNextText = trim;
                return;
            }

            if (pos >= input.Length)
            {
                throw Error("unclosed action", pos);
            }

            var c = input[pos];
            var start = pos;
            switch (c)
            {
                case ' ' or '\t' or '\r' or '\n':
                    while (pos < input.Length && IsGoSpace(input[pos]) && !AtRightDelim(out _))
                    {
                        pos++;
                    }

                    Emit(TokenKind.Space, input[start..pos], start);
                    break;
                case '=':
                    pos++;
                    Emit(TokenKind.Assign, "=", start);
                    break;
                case ':':
                    if (Peek(1) != '=')
                    {
                        throw Error("expected :=", pos);
                    }

                    pos += 2;
                    Emit(TokenKind.Declare, ":=", start);
                    break;
                case '|':
                    pos++;
                    Emit(TokenKind.Pipe, "|", start);
                    break;
                case ',':
                    pos++;
                    Emit(TokenKind.Comma, ",", start);
                    break;
                case '(':
                    pos++;
                    parenDepth++;
                    Emit(TokenKind.LeftParen, "(", start);
                    break;
                case ')':
                    pos++;
                    if (--parenDepth < 0)
                    {
                        throw Error("unexpected right paren", start);
                    }

                    Emit(TokenKind.RightParen, ")", start);
                    break;
                case '"':
                    LexQuoted('"', TokenKind.String, "unterminated quoted string");
                    break;
                case '`':
                    LexQuoted('`', TokenKind.RawString, "unterminated raw quoted string");
                    break;
                case '\'':
                    LexQuoted('\'', TokenKind.Char, "unterminated character constant");
                    break;
                case '$':
                    pos++;
                    SkipAlphanumerics();
                    EmitWord(TokenKind.Variable, start);
                    break;
                case '.' when pos + 1 < input.Length && char.IsAsciiDigit(input[pos + 1]):
                    LexNumber();
                    break;
                case '.':
                    pos++;
                    SkipAlphanumerics();
                    EmitWord(pos - start == 1 ? TokenKind.Dot : TokenKind.Field, start);
                    break;
                case '+' or '-' or (>= '0' and <= '9'):
                    LexNumber();
                    break;
                case '_' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'):
                    SkipAlphanumerics();
                    var word = input[start..pos];
                    EmitWord(word switch
                    {
                        "true" or "false" => TokenKind.Bool,
                        "nil" => TokenKind.Nil,
                        _ when Keywords.Contains(word) => TokenKind.Keyword,
                        _ => TokenKind.Identifier,
                    }, start);
                    break;
                default:
                    throw Error($"unrecognized character in action: {GoEscaping.RuneDescription(c)}", pos);
            }
        }
    }

    private void LexQuoted(char quote, TokenKind kind, string unterminated)
    {
        var start = pos++;
        while (true)
        {
            if (pos >= input.Length || (quote != '`' && input[pos] == '\n'))
            {
                throw Error(unterminated, start);
            }

            var c = input[pos++];
            if (c == '\\' && quote != '`')
            {
                pos++;
            }
            else if (c == quote)
            {
                break;
            }
        }

        Emit(kind, input[start..pos], start);
    }

    private void LexNumber()
    {
        var start = pos;
        if (input[pos] is '+' or '-')
        {
            pos++;
        }

        while (pos < input.Length && (char.IsAsciiLetterOrDigit(input[pos]) || input[pos] is '.' or '_'
            || (input[pos] is '+' or '-' && input[pos - 1] is 'e' or 'E' or 'p' or 'P')))
        {
            pos++;
        }

        if (pos < input.Length && char.IsAsciiLetter(input[pos]))
        {
            throw Error($"bad number syntax: {GoEscaping.Quote(input[start..(pos + 1)])}", start);
        }

        Emit(TokenKind.Number, input[start..pos], start);
    }

    private void SkipAlphanumerics()
    {
        while (pos < input.Length && (char.IsLetterOrDigit(input[pos]) || input[pos] == '_'))
        {
            pos++;
        }
    }

    // Go insists that a word is followed by something that can end it, so ".a-b" is an error, not ".a" minus "b".
    private void EmitWord(TokenKind kind, int start)
    {
        if (pos < input.Length && !AtRightDelim(out _) && !IsGoSpace(input[pos]) && input[pos] is not ('.' or ',' or '|' or ':' or ')' or '('))
        {
            throw Error($"bad character {GoEscaping.RuneDescription(input[pos])}", pos);
        }

        Emit(kind, input[start..pos], start);
    }

    private bool HasLeftTrimMarker(int at) =>
        at + 1 < input.Length && input[at] == '-' && IsGoSpace(input[at + 1]);

    private bool AtRightDelim(out bool trim)
    {
        trim = pos + 3 < input.Length && IsGoSpace(input[pos]) && input[pos + 1] == '-'
            && string.CompareOrdinal(input, pos + 2, RightDelim, 0, 2) == 0;
        return trim || string.CompareOrdinal(input, pos, RightDelim, 0, 2) == 0;
    }

    private char Peek(int offset) => pos + offset < input.Length ? input[pos + offset] : '\0';

    private void Emit(TokenKind kind, string text, int at) => tokens.Add(new TemplateToken(kind, text, at, LineAt(at)));

    private int LineAt(int at) => 1 + input.AsSpan(0, Math.Min(at, input.Length)).Count('\n');

    // As Go does, an error in an action that spans lines also says where the action started.
    private TemplateParseException Error(string message, int at)
    {
        var line = LineAt(at);
        var started = actionLine == 0 || actionLine == line ? ""
            : (message.EndsWith(" action", StringComparison.Ordinal) ? "" : " in action") + $" started at {name}:{actionLine}";
        return new($"template: {name}:{line}: {message}{started}");
    }

    private static readonly char[] GoSpace = [' ', '\t', '\r', '\n'];

    private static bool IsGoSpace(char c) => c is ' ' or '\t' or '\r' or '\n';
}

namespace OpenFero.DaemonSet.Templates;

internal enum TokenKind
{
    Text,
    Comment,
    LeftDelim,
    RightDelim,
    Space,
    Identifier,
    Keyword,
    Field,
    Variable,
    String,
    RawString,
    Char,
    Number,
    Bool,
    Nil,
    Dot,
    Pipe,
    LeftParen,
    RightParen,
    Declare,
    Assign,
    Comma,
    Eof,
}

/// <summary>One lexical item of a template; <see cref="Position"/> is the offset in the text, for error messages.</summary>
internal sealed record TemplateToken(TokenKind Kind, string Text, int Position, int Line)
{
    /// <summary>How Go's parser quotes a token in "unexpected … in …" messages.</summary>
    public override string ToString() => Kind switch
    {
        TokenKind.Eof => "EOF",
        TokenKind.Keyword => $"<{Text}>",
        _ when Text.Length > 10 => GoEscaping.Quote(Text[..10]) + "...",
        _ => GoEscaping.Quote(Text),
    };
}

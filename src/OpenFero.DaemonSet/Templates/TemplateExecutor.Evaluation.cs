namespace OpenFero.DaemonSet.Templates;

/// <summary>Evaluation of pipelines: commands, field chains with missingkey=error, variables and builtin calls.</summary>
internal sealed partial class TemplateExecutor
{
    private object? EvalPipeline(object? dot, PipeNode pipe)
    {
        current = pipe;
        var value = NoFinal;
        foreach (var command in pipe.Commands)
        {
            value = EvalCommand(dot, command, value);
        }

        foreach (var declaration in pipe.Declarations)
        {
            if (pipe.IsAssign)
            {
                var at = variables.FindLastIndex(v => v.Key == declaration);
                variables[at] = new(declaration, value);
            }
            else
            {
                variables.Add(new(declaration, value));
            }
        }

        return value;
    }

    private object? EvalCommand(object? dot, CommandNode command, object? final)
    {
        var first = command.Args[0];
        switch (first)
        {
            case FieldNode field:
                current = field;
                return EvalFieldChain(dot, dot, field.Ident, command.Args, final);
            case ChainNode chain:
                current = chain;
                return EvalFieldChain(dot, EvalArg(dot, chain.Node), chain.Fields, command.Args, final);
            case VariableNode variable:
                return EvalVariable(dot, variable, command.Args, final);
            case IdentifierNode identifier:
                return EvalFunction(dot, identifier, command, final);
            case PipeNode pipe:
                NotAFunction(command.Args, final);
                return EvalPipeline(dot, pipe);
        }

        current = first;
        NotAFunction(command.Args, final);
        return first switch
        {
            BoolNode b => b.Value,
            DotNode => dot,
            NilNode => throw Error("nil is not a command"),
            NumberNode n => n.Value,
            StringNode s => s.Value,
            _ => throw Error($"can't evaluate command {GoEscaping.Quote(first.ToString()!)}"),
        };
    }

    private void NotAFunction(IReadOnlyList<TemplateNode> args, object? final)
    {
        if (args.Count > 1 || final != NoFinal)
        {
            throw Error($"can't give argument to non-function {args[0]}");
        }
    }

    private object? EvalVariable(object? dot, VariableNode variable, IReadOnlyList<TemplateNode> args, object? final)
    {
        current = variable;
        var value = variables.FindLast(v => v.Key == variable.Ident[0]).Value;
        if (variable.Ident.Count == 1)
        {
            NotAFunction(args, final);
            return value;
        }

        return EvalFieldChain(dot, value, variable.Ident.Skip(1).ToList(), args, final);
    }

    private object? EvalFieldChain(object? dot, object? receiver, IReadOnlyList<string> fields, IReadOnlyList<TemplateNode> args, object? final)
    {
        for (var i = 0; i < fields.Count - 1; i++)
        {
            receiver = EvalField(fields[i], receiver, hasArgs: false);
        }

        return EvalField(fields[^1], receiver, hasArgs: args.Count > 1 || final != NoFinal);
    }

    private object? EvalField(string field, object? receiver, bool hasArgs)
    {
        switch (receiver)
        {
            case null:
                throw Error($"nil data; no entry for key {GoEscaping.Quote(field)}");
            case GoStruct data when data.TryGetField(field, out var value):
                return hasArgs ? throw Error($"{field} has arguments but cannot be invoked as function") : value;
            case IReadOnlyDictionary<string, string> map:
                if (hasArgs)
                {
                    throw Error($"{field} is not a method but has arguments");
                }

                return map.TryGetValue(field, out var entry) ? entry : throw Error($"map has no entry for key {GoEscaping.Quote(field)}");
            default:
                throw Error($"can't evaluate field {field} in type {GoValues.TypeName(receiver)}");
        }
    }

    private object? EvalFunction(object? dot, IdentifierNode identifier, CommandNode command, object? final)
    {
        current = identifier;
        var builtin = GoBuiltins.Get(identifier.Name);
        var argNodes = command.Args.Skip(1).ToList();
        var count = argNodes.Count + (final != NoFinal ? 1 : 0);
        if (builtin.Variadic && count < builtin.Fixed)
        {
            throw Error($"wrong number of args for {identifier.Name}: want at least {builtin.Fixed} got {argNodes.Count}");
        }

        if (!builtin.Variadic && count != builtin.Fixed)
        {
            throw Error($"wrong number of args for {identifier.Name}: want {builtin.Fixed} got {count}");
        }

        var args = identifier.Name is "and" or "or"
            ? EvalLazily(dot, identifier.Name == "and", argNodes, final)
            : EvalArgs(dot, identifier.Name, argNodes, final);
        try
        {
            return builtin.Call(args);
        }
        catch (BuiltinException refused)
        {
            current = command;
            throw Error($"error calling {identifier.Name}: {refused.Message}");
        }
    }

    private List<object?> EvalArgs(object? dot, string function, List<TemplateNode> argNodes, object? final)
    {
        var args = argNodes.Select(node => EvalArg(dot, node)).ToList();
        if (final != NoFinal)
        {
            args.Add(final);
        }

        // printf's format is a Go string parameter: anything else is refused before the call.
        if (function == "printf" && args[0] is not string)
        {
            current = argNodes.Count > 0 ? argNodes[0] : current;
            throw Error(argNodes is [NumberNode or BoolNode, ..]
                ? $"expected string; found {argNodes[0]}"
                : $"wrong type for value; expected string; got {GoValues.TypeName(args[0])}");
        }

        return args;
    }

    // and/or stop evaluating at the first argument that decides the result, as Go 1.18+ does.
    private List<object?> EvalLazily(object? dot, bool isAnd, List<TemplateNode> argNodes, object? final)
    {
        var args = new List<object?>();
        foreach (var node in argNodes)
        {
            args.Add(EvalArg(dot, node));
            if (GoValues.IsTrue(args[^1]) != isAnd)
            {
                return [args[^1]];
            }
        }

        if (final != NoFinal)
        {
            args.Add(final);
        }

        return args;
    }

    private object? EvalArg(object? dot, TemplateNode node)
    {
        current = node;
        return node switch
        {
            DotNode => dot,
            NilNode => null,
            FieldNode field => EvalFieldChain(dot, dot, field.Ident, [node], NoFinal),
            VariableNode variable => EvalVariable(dot, variable, [node], NoFinal),
            PipeNode pipe => EvalPipeline(dot, pipe),
            IdentifierNode identifier => EvalFunction(dot, identifier, new CommandNode(identifier.Position, [identifier]), NoFinal),
            ChainNode chain => EvalFieldChain(dot, EvalArg(dot, chain.Node), chain.Fields, [node], NoFinal),
            BoolNode b => b.Value,
            NumberNode n => n.Value,
            StringNode s => s.Value,
            _ => throw Error($"can't handle {node} for arg"),
        };
    }
}

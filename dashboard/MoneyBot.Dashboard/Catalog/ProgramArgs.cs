namespace MoneyBot.Dashboard.Catalog;

/// <summary>
/// Reads a supervised program's command line the way the bots parse theirs (System.CommandLine): <c>--name value</c>
/// or <c>--name=value</c>, after the verb. Used to find which programs are bots and where their files are.
/// </summary>
internal sealed class ProgramArgs
{
    private readonly IReadOnlyList<string> _args;

    private ProgramArgs(string kind, IReadOnlyList<string> args)
    {
        Kind = kind;
        _args = args;
    }

    /// <summary><c>extgap</c> or <c>orderflow</c>.</summary>
    public string Kind { get; }

    /// <summary>
    /// The bot arguments of a program that runs <c>extgap run</c> or <c>orderflow run</c>: the executable itself
    /// (its file name is the bot's), or <c>moneybot</c> with the bot's name as first argument; null otherwise.
    /// </summary>
    public static ProgramArgs? Of(string command, IReadOnlyList<string> args)
    {
        var name = Path.GetFileName(command);
        var rest = args;
        if (name is "moneybot" && args.Count > 0)
        {
            name = args[0];
            rest = [.. args.Skip(1)];
        }

        return name is "extgap" or "orderflow" && rest.Count > 0 && rest[0] == "run"
            ? new ProgramArgs(name, [.. rest.Skip(1)])
            : null;
    }

    /// <summary>The value of <paramref name="option"/> (the last one given), or null.</summary>
    public string? Value(string option)
    {
        string? value = null;
        for (var i = 0; i < _args.Count; i++)
        {
            if (_args[i] == option && i + 1 < _args.Count)
            {
                value = _args[++i];
            }
            else if (_args[i].StartsWith(option + "=", StringComparison.Ordinal))
            {
                value = _args[i][(option.Length + 1)..];
            }
        }

        return value;
    }
}

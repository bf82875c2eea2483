using System.CommandLine;
using MoneyBot.Supervisor.Commands;

namespace MoneyBot.Supervisor.Cli;

/// <summary>
/// A CLI verb that stands for a <see cref="SupervisorCommand"/>: its arguments and options are read into the
/// record by one function, and its action receives the record (not the words).
/// </summary>
internal sealed class CommandVerb : System.CommandLine.Command
{
    private readonly Func<ParseResult, SupervisorCommand> _read;

    public CommandVerb(
        string name,
        string description,
        Func<ParseResult, SupervisorCommand> read,
        Func<ParseResult, SupervisorCommand, CancellationToken, Task<int>> run,
        params IEnumerable<Symbol> symbols
    )
        : base(name, description)
    {
        _read = read;
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    Arguments.Add(argument);
                    break;
                case Option option:
                    Options.Add(option);
                    break;
            }
        }

        SetAction((parse, cancellationToken) => run(parse, _read(parse), cancellationToken));
    }

    /// <summary>The command these words ask for.</summary>
    public SupervisorCommand Read(ParseResult parse) => _read(parse);
}

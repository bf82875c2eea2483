using System.Globalization;
using System.Text.RegularExpressions;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Export;

/// <summary>
/// Finds the loopback addresses through which programs reach the programs they depend on (the exchange's
/// <c>http://127.0.0.1:8090</c> in a bot's arguments), for an export where each program has its own network: a
/// port that a program and one of the programs it depends on (directly or not) both name is served by the one
/// furthest down that names it. That one then listens on every address (<c>0.0.0.0</c>) and the others call it by
/// its Service name. Other loopback
/// addresses stay as they are: reachable inside the program's own pod only.
/// </summary>
internal sealed partial class LoopbackLinks
{
    private readonly Dictionary<string, SortedSet<int>> _served = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<int, string>> _calls = new(StringComparer.Ordinal);

    private LoopbackLinks() { }

    public static LoopbackLinks Of(SupervisorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var links = new LoopbackLinks();
        var ports = config.Programs.ToDictionary(p => p.Name, p => Ports(p.Args), StringComparer.Ordinal);
        var byName = config.Programs.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var below = config.Programs.ToDictionary(
            p => p.Name,
            p => Dependencies(config, byName, p),
            StringComparer.Ordinal
        );

        // A program's own ports: those none of the programs below it names (a port it shares with one of them is
        // one it calls there, as the order-flow bot calls the exchange's).
        var own = config.Programs.ToDictionary(
            p => p.Name,
            p => ports[p.Name].Where(port => !below[p.Name].Any(d => ports[d].Contains(port))).ToHashSet(),
            StringComparer.Ordinal
        );
        foreach (var program in config.Programs)
        {
            foreach (var port in ports[program.Name].Except(own[program.Name]))
            {
                // Served by the program below that has it as its own port (in file order, should two have it).
                if (below[program.Name].FirstOrDefault(d => own[d].Contains(port)) is { } server)
                {
                    links.CallsOf(program.Name)[port] = server;
                    links.ServedBy(server).Add(port);
                }
            }
        }

        return links;
    }

    /// <summary>The ports <paramref name="program"/> serves to the programs that depend on it, ascending.</summary>
    public IReadOnlyCollection<int> Served(string program) => _served.TryGetValue(program, out var ports) ? ports : [];

    /// <summary>
    /// <paramref name="program"/>'s arguments with its served ports on every address and the ports it calls on
    /// the dependency's host (<paramref name="host"/> names it), plus one line per change made.
    /// </summary>
    public (IReadOnlyList<string> Args, IReadOnlyList<string> Changes) Rewrite(
        ProgramConfig program,
        Func<string, string> host
    )
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(host);
        var served = Served(program.Name);
        var calls = _calls.GetValueOrDefault(program.Name) ?? [];
        var changes = new List<string>();
        var args = program
            .Args.Select(arg =>
                Address()
                    .Replace(arg, match =>
                    {
                        var port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                        var replacement =
                            served.Contains(port)
                                ? (match.Groups["host"].Value.StartsWith('[') ? "[::]" : "0.0.0.0") + ":" + port
                            : calls.TryGetValue(port, out var dependency) ? host(dependency) + ":" + port
                            : null;
                        if (replacement is null || replacement == match.Value)
                        {
                            return match.Value;
                        }

                        var change = $"{match.Value} -> {replacement}";
                        if (!changes.Contains(change))
                        {
                            changes.Add(change);
                        }

                        return replacement;
                    })
            )
            .ToList();
        return (args, changes);
    }

    /// <summary>Loopback addresses left in <paramref name="args"/> (reachable inside the pod only).</summary>
    public static IReadOnlyList<string> Remaining(IEnumerable<string> args) =>
        [.. args.SelectMany(a => Address().Matches(a)).Select(m => m.Value).Where(IsLoopback).Distinct()];

    private static bool IsLoopback(string address) =>
        !address.StartsWith("0.0.0.0", StringComparison.Ordinal)
        && !address.StartsWith("[::]", StringComparison.Ordinal);

    /// <summary>
    /// Every program <paramref name="program"/> depends on, directly or through others, in file order (so that the
    /// export does not depend on hashing).
    /// </summary>
    private static List<string> Dependencies(
        SupervisorConfig config,
        IReadOnlyDictionary<string, ProgramConfig> byName,
        ProgramConfig program
    )
    {
        var below = DependencyOrder.WithDependencies(program.DependsOn, byName);
        return [.. config.Programs.Select(p => p.Name).Where(below.Contains)];
    }

    private SortedSet<int> ServedBy(string program) =>
        _served.TryGetValue(program, out var ports) ? ports : _served[program] = [];

    private Dictionary<int, string> CallsOf(string program) =>
        _calls.TryGetValue(program, out var calls) ? calls : _calls[program] = [];

    private static HashSet<int> Ports(IEnumerable<string> args) =>
        [
            .. args.SelectMany(a => Address().Matches(a))
                .Select(m => int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture))
                .Where(p => p is > 0 and < 65536),
        ];

    /// <summary>A loopback or any-address host with a port, not part of a longer name or number.</summary>
    [GeneratedRegex(@"(?<![\w.-])(?<host>127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0|\[::\]):(?<port>\d{1,5})(?!\d)")]
    private static partial Regex Address();
}

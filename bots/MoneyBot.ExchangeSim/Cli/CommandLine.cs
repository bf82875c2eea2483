using System.Globalization;
using MoneyBot.Common.Units;
using MoneyBot.ExchangeSim.Hosting;

namespace MoneyBot.ExchangeSim.Cli;

/// <summary>
/// Parses <c>exchange-sim</c>'s options (<c>--name value</c> or <c>--name=value</c>) into
/// <see cref="SimulatorOptions"/>; every error names the option and what it accepts.
/// </summary>
public static class CommandLine
{
    /// <summary>The help text.</summary>
    public const string Usage = """
        Usage: exchange-sim [options]
        A Binance-compatible simulated exchange on loopback (REST, websocket streams, fault injection).

          --urls URL                  listen URL, http on loopback (default http://127.0.0.1:8090)
          --speed FACTOR              simulated seconds per real second (default 1; 60: a 3m candle every 3 s)
          --seed N                    seed of the price process (default 42)
          --symbols A,B               symbols (default BTCUSDT,ETHUSDT)
          --start TIME                market time at start, ISO-8601 or Unix ms (default: now, to the minute)
          --history DURATION          past served by REST at start (default 48h; e.g. 90m, 2d)
          --clock-file PATH           keep the market clock here: a restart goes on from it (not back to now)
          --trade-rate N              average trades per simulated second per symbol (default 3)
          --tape FILE                 replay a recorded day of aggTrades (Binance's data dump CSV) instead of the
                                      generated tape; one symbol (--symbols, else the file name's prefix);
                                      the market starts at the first trade + --history (default 1h with a tape)
          --max-connection-age DUR    close websockets after this long (default 24h)
          --ping-interval DURATION    server ping interval (default 5s)
          -h, --help                  this text

        REST: /api/v3/klines /fapi/v1/klines /api/v3/aggTrades /fapi/v1/aggTrades /api/v3/time
        Streams: /ws/<stream>[/<stream>..]  /stream?streams=a/b   (<sym>@aggTrade, <sym>@kline_3m, <sym>@depth20@100ms)
                 spot forms; the same under /fapi (/fapi/ws/<stream>, /fapi/stream?streams=a/b): USD-M futures forms
        Control: GET /sim/status; POST /sim/faults/drop|malformed|clear, /sim/faults/stall?seconds=N,
                 /sim/faults/refuse?seconds=N, /sim/faults/freeze?seconds=N (the market pump stands still),
                 /sim/faults/skip-trades?count=N[&symbol=SYM]
                 (skip-trades: the next N aggTrades of SYM, or of each symbol, are sent on no websocket while
                 REST aggTrades still serves them: clients see an id jump of N to backfill)
        """;

    /// <summary>
    /// Parses the arguments; false with <paramref name="error"/> on a bad option (options is then null), or with
    /// neither when help was asked.
    /// </summary>
    public static bool TryParse(IReadOnlyList<string> args, out SimulatorOptions? options, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        options = SimulatorOptions.Default with { ListenUrl = new Uri("http://127.0.0.1:8090") };
        error = null;
        var named = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                options = null;
                return false;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            string? value =
                equals > 0 ? arg[(equals + 1)..]
                : i + 1 < args.Count ? args[++i]
                : null;
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                error = $"unexpected argument '{arg}'";
            }
            else if (value is null)
            {
                error = $"{name} needs a value";
            }
            else
            {
                (options, error) = Apply(options, name, value);
                named.Add(name);
            }

            if (error is not null)
            {
                options = null;
                return false;
            }
        }

        if (options.TapeFile is { } tape)
        {
            (options, error) = ForTape(options, tape, named);
            if (error is not null)
            {
                options = null;
                return false;
            }
        }

        try
        {
            options.Validate();
            return true;
        }
        catch (ArgumentException e)
        {
            error = e.Message.Split(" (Parameter", 2)[0];
            options = null;
            return false;
        }
    }

    /// <summary>
    /// A recording is of one symbol: the one <c>--symbols</c> names, else the prefix of the file's name as Binance's
    /// dumps are named (<c>BTCUSDT-aggTrades-2024-03-01.csv</c>). Without <c>--history</c>, one hour of it is past.
    /// </summary>
    private static (SimulatorOptions, string?) ForTape(SimulatorOptions o, string tape, HashSet<string> named)
    {
        if (!named.Contains("--history"))
        {
            o = o with { History = TimeSpan.FromHours(1) };
        }

        if (named.Contains("--symbols"))
        {
            return o.Symbols.Count == 1
                ? (o, null)
                : (o, $"--tape replays one symbol, but --symbols lists {o.Symbols.Count}");
        }

        var prefix = Path.GetFileName(tape).Split('-', 2)[0].ToUpperInvariant();
        return prefix.Length is >= 2 and <= 20 && prefix.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))
            ? (o with { Symbols = [prefix] }, null)
            : (o, $"--tape: give --symbols SYMBOL (the name '{Path.GetFileName(tape)}' does not start with one)");
    }

    private static (SimulatorOptions, string?) Apply(SimulatorOptions o, string name, string value)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (name)
        {
            case "--urls":
                return
                    Uri.TryCreate(value, UriKind.Absolute, out var url)
                    && !value.Contains(';', StringComparison.Ordinal)
                    ? (o with { ListenUrl = url }, null)
                    : (o, $"--urls: '{value}' is not one URL such as http://127.0.0.1:8090");
            case "--speed":
                return double.TryParse(value, NumberStyles.Float, invariant, out var speed)
                    ? (o with { Speed = speed }, null)
                    : (o, $"--speed: '{value}' is not a number");
            case "--seed":
                return int.TryParse(value, NumberStyles.Integer, invariant, out var seed)
                    ? (o with { Seed = seed }, null)
                    : (o, $"--seed: '{value}' is not an integer");
            case "--trade-rate":
                return double.TryParse(value, NumberStyles.Float, invariant, out var rate)
                    ? (o with { TradesPerSecond = rate }, null)
                    : (o, $"--trade-rate: '{value}' is not a number");
            case "--symbols":
                return (
                    o with
                    {
                        Symbols =
                        [
                            .. value
                                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                                .Select(s => s.ToUpperInvariant()),
                        ],
                    },
                    null
                );
            case "--clock-file":
                return (o with { ClockFile = value }, null);
            case "--tape":
                return (o with { TapeFile = value }, null);
            case "--start":
                return TryParseTime(value, out var start)
                    ? (o with { Start = start }, null)
                    : (o, $"--start: '{value}' is not an ISO-8601 time (2024-05-01T00:00:00Z) or Unix milliseconds");
            case "--history":
                return Durations.TryParse(value, out var history)
                    ? (o with { History = history }, null)
                    : (o, DurationError(name, value));
            case "--max-connection-age":
                return Durations.TryParse(value, out var age)
                    ? (o with { MaxConnectionAge = age }, null)
                    : (o, DurationError(name, value));
            case "--ping-interval":
                return Durations.TryParse(value, out var ping)
                    ? (o with { PingInterval = ping }, null)
                    : (o, DurationError(name, value));
            default:
                return (o, $"unknown option '{name}'");
        }
    }

    private static string DurationError(string name, string value) =>
        $"{name}: '{value}' is not a duration such as 500ms, 10s, 5m, 48h, 2d";

    private static bool TryParseTime(string value, out DateTimeOffset time)
    {
        if (
            value.All(char.IsAsciiDigit)
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
        )
        {
            time = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }

        return DateTimeOffset.TryParse(
            value,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time
        );
    }
}

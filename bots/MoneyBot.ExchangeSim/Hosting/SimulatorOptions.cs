using System.Net;
using Microsoft.Extensions.Logging;

namespace MoneyBot.ExchangeSim.Hosting;

/// <summary>
/// Settings of a simulated exchange. Immutable; <see cref="Validate"/> runs once when the
/// exchange starts and throws <see cref="ArgumentException"/> naming the bad setting.
/// </summary>
public sealed record SimulatorOptions
{
    /// <summary>
    /// The defaults: loopback on a free port, BTCUSDT and ETHUSDT, seed 42, real time, 48 h of history.
    /// </summary>
    public static SimulatorOptions Default { get; } = new();

    /// <summary>Where to listen: an <c>http</c> URL on a loopback address; port 0 picks a free port.</summary>
    public Uri ListenUrl { get; init; } = new("http://127.0.0.1:0");

    /// <summary>Simulated symbols (upper case).</summary>
    public IReadOnlyList<string> Symbols { get; init; } = ["BTCUSDT", "ETHUSDT"];

    /// <summary>Seed of every random process: the same seed gives the same tape, whenever it starts.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Simulated seconds per real second (60: a 3m candle closes every 3 s).</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Simulated time at start; null: now, rounded down to the minute.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>
    /// Command line only: a file where the simulated clock is kept, so a restarted simulator goes on from
    /// where it stopped instead of jumping back to now (bots with saved state would otherwise see only old
    /// candles until the clock caught up). Null: not kept.
    /// </summary>
    public string? ClockFile { get; init; }

    /// <summary>
    /// How much past the REST API serves at start (from the hour boundary at or before start - history).
    /// </summary>
    public TimeSpan History { get; init; } = TimeSpan.FromHours(48);

    /// <summary>
    /// A recorded day of aggregate trades (Binance's data dump CSV) to serve instead of the generated tape; the
    /// one symbol in <see cref="Symbols"/> is the recording's. Null: the generated tape.
    /// </summary>
    public string? TapeFile { get; init; }

    /// <summary>Average trades per simulated second per symbol.</summary>
    public double TradesPerSecond { get; init; } = 3;

    /// <summary>Real time after which a websocket is closed (Binance: 24 h).</summary>
    public TimeSpan MaxConnectionAge { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Real time between the server's websocket pings.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Real time a client has to answer a ping before the socket is dropped (Binance: 1 minute).</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Real time between market steps (the <c>@100ms</c> depth rate).</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Messages a websocket may have queued before it counts as too slow and is dropped.</summary>
    public int SendQueueCapacity { get; init; } = 20_000;

    /// <summary>The real clock (tests pass a manual one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Adds logging providers; null: no logging.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>Trades are kept for REST this long (simulated time), at least two hours.</summary>
    public TimeSpan TradeRetention => History > TimeSpan.FromHours(2) ? History : TimeSpan.FromHours(2);

    /// <summary>Checks every setting; throws <see cref="ArgumentException"/> with what to change.</summary>
    public void Validate()
    {
        if (ListenUrl is not { IsAbsoluteUri: true, Scheme: "http" } || !IsLoopback(ListenUrl.Host))
        {
            throw new ArgumentException(
                $"The listen URL '{ListenUrl}' must be http on a loopback address, e.g. http://127.0.0.1:8090.",
                nameof(ListenUrl)
            );
        }

        if (
            Symbols.Count == 0
            || Symbols.Any(s =>
                s.Length is < 2 or > 20 || !s.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))
            )
        )
        {
            throw new ArgumentException(
                $"Symbols must be 2-20 upper-case letters or digits, e.g. BTCUSDT; got '{string.Join(",", Symbols)}'.",
                nameof(Symbols)
            );
        }

        if (Symbols.Distinct(StringComparer.Ordinal).Count() != Symbols.Count)
        {
            throw new ArgumentException($"Symbols are listed twice: '{string.Join(",", Symbols)}'.", nameof(Symbols));
        }

        Check(
            Speed is > 0 and <= 1_000_000,
            nameof(Speed),
            $"The speed must be above 0 and at most 1000000 (got {Speed})."
        );
        Check(
            History >= TimeSpan.Zero && History <= TimeSpan.FromDays(30),
            nameof(History),
            $"The history must be 0 to 30 days (got {History})."
        );
        Check(
            TradesPerSecond is > 0 and <= 200,
            nameof(TradesPerSecond),
            $"Trades per second must be above 0 and at most 200 (got {TradesPerSecond})."
        );
        Check(
            MaxConnectionAge > TimeSpan.Zero,
            nameof(MaxConnectionAge),
            "The maximum connection age must be positive."
        );
        Check(
            PingInterval > TimeSpan.Zero && PongTimeout > TimeSpan.Zero,
            nameof(PingInterval),
            "The ping interval and pong timeout must be positive."
        );
        Check(
            TickInterval >= TimeSpan.FromMilliseconds(10) && TickInterval <= TimeSpan.FromSeconds(1),
            nameof(TickInterval),
            "The tick interval must be 10 ms to 1 s."
        );
        if (TapeFile is { } tape)
        {
            Check(File.Exists(tape), nameof(TapeFile), $"The tape file '{tape}' does not exist.");
            Check(Symbols.Count == 1, nameof(TapeFile), "A tape replays one symbol: give exactly one in Symbols.");
        }

        Check(SendQueueCapacity >= 100, nameof(SendQueueCapacity), "The send queue must hold at least 100 messages.");
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }

    private static void Check(bool condition, string name, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, name);
        }
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}

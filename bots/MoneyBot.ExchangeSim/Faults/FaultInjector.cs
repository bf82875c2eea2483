using System.Globalization;
using Microsoft.Extensions.Logging;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.ExchangeSim.Streams;

namespace MoneyBot.ExchangeSim.Faults;

/// <summary>
/// Injects the faults: drop, stall, malformed, refuse, freeze, skip-trades (and clears the timed and pending ones).
/// Thread-safe.
/// </summary>
internal sealed class FaultInjector(FaultState state, TradeSkips skips, StreamBroadcaster broadcaster, ILogger logger)
{
    /// <summary>Most trades one skip-trades request may withhold per symbol.</summary>
    public const int MaxSkippedTrades = 1_000_000;

    public bool IsRefusing => state.IsRefusing;

    /// <summary>Drops every websocket at once, without a close frame; returns how many.</summary>
    public int Drop()
    {
        var dropped = broadcaster.DropAll();
        logger.FaultInjected("drop", string.Create(CultureInfo.InvariantCulture, $"{dropped} connection(s)"));
        return dropped;
    }

    /// <summary>
    /// Keeps the sockets open but sends nothing (pings aside) for <paramref name="duration"/>; what would have been
    /// sent is lost.
    /// </summary>
    public void Stall(TimeSpan duration)
    {
        state.Stall(duration);
        logger.FaultInjected("stall", $"for {duration}");
    }

    /// <summary>
    /// Sends one frame of invalid JSON on each stream of each connection; returns the number of frames.
    /// </summary>
    public int SendMalformed()
    {
        var frames = broadcaster.SendMalformed();
        logger.FaultInjected("malformed", string.Create(CultureInfo.InvariantCulture, $"{frames} frame(s)"));
        return frames;
    }

    /// <summary>
    /// Answers new websocket and REST requests with 503 for <paramref name="duration"/> (the <c>/sim</c> API stays up).
    /// </summary>
    public void Refuse(TimeSpan duration)
    {
        state.Refuse(duration);
        logger.FaultInjected("refuse", $"for {duration}");
    }

    /// <summary>
    /// Freezes the market pump for <paramref name="duration"/>: no step, so the market time, the streams and the
    /// WATCHDOG=1 pings stand still, as with a hung timer; afterwards the markets jump to the clock's time.
    /// </summary>
    public void Freeze(TimeSpan duration)
    {
        state.Freeze(duration);
        logger.FaultInjected("freeze", $"for {duration}");
    }

    /// <summary>
    /// Withholds the next <paramref name="count"/> aggTrades of <paramref name="symbol"/> (of each symbol when null)
    /// from every websocket; REST still serves them, so clients see the ids jump by <paramref name="count"/>.
    /// Repeated requests add up. Returns the number of trades to be withheld over all symbols.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not from 1 to <see
    /// cref="MaxSkippedTrades"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> is not simulated.</exception>
    public int SkipTrades(int count, string? symbol)
    {
        if (count is < 1 or > MaxSkippedTrades)
        {
            throw new ArgumentOutOfRangeException(
                nameof(count),
                count,
                string.Create(CultureInfo.InvariantCulture, $"Skip from 1 to {MaxSkippedTrades} trades.")
            );
        }

        if (symbol is not null && !skips.Knows(symbol))
        {
            throw new ArgumentException(
                $"'{symbol}' is not simulated; use one of {string.Join(", ", skips.Symbols)}, or none for all.",
                nameof(symbol)
            );
        }

        string[] symbols = symbol is null ? [.. skips.Symbols] : [symbol];
        foreach (var s in symbols)
        {
            skips.Add(s, count);
        }

        logger.FaultInjected(
            "skip-trades",
            string.Create(
                CultureInfo.InvariantCulture,
                $"the next {count} aggTrade(s) of {(symbol is null ? "each symbol" : symbol.ToUpperInvariant())}"
            )
        );
        return count * symbols.Length;
    }

    /// <summary>Ends a stall, refusal or freeze now, and cancels the trade skips still pending.</summary>
    public void Clear()
    {
        state.Clear();
        skips.Clear();
        logger.FaultInjected("clear", string.Empty);
    }
}

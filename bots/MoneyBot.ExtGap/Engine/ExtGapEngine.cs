using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.State;
using MoneyBot.ExtGap.Trading;

namespace MoneyBot.ExtGap.Engine;

/// <summary>
/// The bot's core for one symbol and timeframe: gap detection then simulated trading, candle by
/// candle, with no I/O. Live mode and replay both drive it. Not thread-safe.
/// </summary>
public sealed class ExtGapEngine
{
    private readonly List<TradeEvent> _events = new(4);

    /// <summary>A fresh engine, or one resumed from <paramref name="state"/>.</summary>
    /// <exception cref="BotStateException">The state is for another symbol or timeframe, or inconsistent.</exception>
    public ExtGapEngine(string symbol, Timeframe timeframe, TradingSettings settings, BotState? state = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        Symbol = symbol;
        Timeframe = timeframe;
        if (state is not null && (state.Symbol != symbol || state.Timeframe != timeframe.Name))
        {
            throw new BotStateException(
                $"the saved state is for {state.Symbol} {state.Timeframe}, not {symbol} {timeframe}: use another "
                    + $"state file"
            );
        }

        try
        {
            Detector = new GapDetector(timeframe, state?.Detector);
        }
        catch (ArgumentException ex)
        {
            throw new BotStateException(
                $"the saved state is inconsistent ({ex.Message}): delete it to start fresh",
                ex
            );
        }

        Trader = new TradeSimulator(symbol, settings, state?.Trader);
    }

    /// <summary>The symbol, e.g. BTCUSDT.</summary>
    public string Symbol { get; }

    /// <summary>The timeframe.</summary>
    public Timeframe Timeframe { get; }

    /// <summary>The gap detector.</summary>
    public GapDetector Detector { get; }

    /// <summary>The trade simulator.</summary>
    public TradeSimulator Trader { get; }

    /// <summary>Processes one closed candle: admission (alignment, duplicates), detection, trading.</summary>
    public CandleOutcome Process(in Candle candle)
    {
        _events.Clear();
        var admission = Detector.Admit(candle);
        if (admission != CandleAdmission.Accepted)
        {
            return new CandleOutcome(admission, null, _events);
        }

        // The expiry check comes "before detection" in the spec; detection does not depend on the
        // trader, so detecting first and letting the trader handle expiry then the gap is the same.
        var gap = Detector.Process(candle);
        Trader.OnCandle(candle, gap, _events);
        return new CandleOutcome(admission, gap, _events);
    }

    /// <summary>The state to save (the record writers' positions are added by the caller).</summary>
    public BotState Snapshot() =>
        new(BotState.CurrentVersion, Symbol, Timeframe.Name, Detector.Snapshot(), Trader.Snapshot(), null, null);
}

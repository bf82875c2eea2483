using MoneyBot.ExtGap.Detection;

namespace MoneyBot.ExtGap.Trading;

/// <summary>
/// Simulates the reversal strategy (spec section 4): no trade on the first gap or on a same-polarity
/// gap; on a reversal close any open position at the detection candle's close and open the new side;
/// close a position held for <see cref="TradingSettings.MaxHold"/> at the candle that reaches it.
/// </summary>
public sealed class TradeSimulator
{
    private readonly string _symbol;
    private readonly TradingSettings _settings;

    /// <summary>A simulator for one symbol, fresh or resumed from <paramref name="state"/>.</summary>
    public TradeSimulator(string symbol, TradingSettings settings, TradeSimulatorState? state = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        _symbol = symbol;
        _settings = settings.Validate();
        if (state is not null)
        {
            (OpenPosition, PendingEntry, Totals) = (state.OpenPosition, state.PendingEntry, state.Totals);
        }
    }

    /// <summary>The open position, if any.</summary>
    public Position? OpenPosition { get; private set; }

    /// <summary>With the next-open rule, the side waiting for the next candle's open.</summary>
    public PositionSide? PendingEntry { get; private set; }

    /// <summary>Running totals over closed trades.</summary>
    public TradeStatistics Totals { get; private set; }

    /// <summary>The settings in use.</summary>
    public TradingSettings Settings => _settings;

    /// <summary>
    /// Handles one processed (closed, non-duplicate) candle and the gap it made, if any. Adds what
    /// happened to <paramref name="events"/>, in order: a pending entry filled at this candle's open,
    /// an expiry (checked before the gap, against the candle's close time), a reversal's close and entry.
    /// </summary>
    public void OnCandle(in Candle candle, Gap? gap, ICollection<TradeEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (PendingEntry is { } pending)
        {
            PendingEntry = null;
            Open(pending, candle.Open, candle.OpenTime, events);
        }

        if (OpenPosition is { } held && candle.CloseTime - held.EntryTime >= _settings.MaxHold)
        {
            Close(candle.Close, candle.CloseTime, CloseReason.Expiry, events);
        }

        if (gap is not { IsReversal: true } reversal)
        {
            return;
        }

        if (OpenPosition is not null)
        {
            Close(candle.Close, candle.CloseTime, CloseReason.Reverse, events);
        }

        var side = reversal.Polarity == GapPolarity.Bullish ? PositionSide.Long : PositionSide.Short;
        if (_settings.EntryRule == EntryRule.Close)
        {
            Open(side, candle.Close, candle.CloseTime, events);
        }
        else
        {
            PendingEntry = side;
        }
    }

    /// <summary>A copy of the state, for persistence.</summary>
    public TradeSimulatorState Snapshot() => new(OpenPosition, PendingEntry, Totals);

    private void Open(PositionSide side, decimal price, DateTimeOffset time, ICollection<TradeEvent> events)
    {
        var notional = _settings.Notional;
        var position = new Position(side, price, time, notional, notional / price, notional * _settings.EntryFeeRate);
        OpenPosition = position;
        events.Add(new PositionOpened(position));
    }

    private void Close(decimal exit, DateTimeOffset time, CloseReason reason, ICollection<TradeEvent> events)
    {
        var p = OpenPosition!;
        OpenPosition = null;
        var pct =
            p.Side == PositionSide.Long ? (exit - p.EntryPrice) / p.EntryPrice : (p.EntryPrice - exit) / p.EntryPrice;
        var gross = p.Notional * pct;
        var fees = p.EntryFee + (p.Notional * _settings.ExitFeeRate);
        var realized = gross - fees;
        var status =
            realized > 0 ? TradeStatus.Win
            : realized < 0 ? TradeStatus.Loss
            : TradeStatus.Breakeven;
        Totals = Totals.Add(status, realized, fees);
        events.Add(
            new PositionClosed(
                new ClosedTrade(
                    status,
                    p.EntryTime,
                    time,
                    _symbol,
                    p.Side,
                    p.EntryPrice,
                    exit,
                    p.Notional,
                    p.Quantity,
                    pct,
                    gross,
                    realized,
                    fees,
                    reason,
                    Totals
                )
            )
        );
    }
}

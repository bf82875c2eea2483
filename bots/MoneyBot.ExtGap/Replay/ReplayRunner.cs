using Microsoft.Extensions.Logging;
using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Engine;
using MoneyBot.ExtGap.Records;
using MoneyBot.ExtGap.State;
using MoneyBot.ExtGap.Trading;

namespace MoneyBot.ExtGap.Replay;

/// <summary>
/// Replays a candle file through the same engine as the live bot, with no network, and writes the
/// gaps and trades CSVs. Rows go out as the candles are read, so a bad row stops the replay with
/// everything before it written (and the state, if any, saved as of the last good candle).
/// </summary>
/// <param name="options">What to replay.</param>
/// <param name="logger">Where repairs of the output files go (a row cut short by an earlier crash).</param>
public sealed class ReplayRunner(ReplayOptions options, ILogger? logger = null)
{
    private long _candles;
    private long _notAligned;
    private long _duplicates;
    private long _gaps;
    private GapRecordWriter? _gapWriter;
    private TradeRecordWriter? _tradeWriter;
    private ExtGapEngine? _engine;

    /// <summary>The figures so far (complete once <see cref="Run"/> returns).</summary>
    public ReplaySummary Summary =>
        new(
            _candles,
            _candles - _notAligned - _duplicates,
            _notAligned,
            _duplicates,
            _gaps,
            _gapWriter?.Written ?? 0,
            _gapWriter?.Skipped ?? 0,
            _tradeWriter?.Written ?? 0,
            _tradeWriter?.Skipped ?? 0,
            _engine?.Trader.Totals ?? default,
            _engine?.Trader.OpenPosition
        );

    /// <summary>Runs the replay.</summary>
    /// <exception cref="CandleFileException">A bad candle row (the message names file:line).</exception>
    /// <exception cref="BotStateException">The state file cannot be used.</exception>
    /// <exception cref="InvalidDataException">An output file exists with another header.</exception>
    public ReplaySummary Run(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = options.StatePath is { } statePath ? new BotStateStore(statePath) : null;
        var state = store?.Load();
        _engine = new ExtGapEngine(options.Symbol, options.Timeframe, options.Trading, state);
        var clock = new CandleClock();
        using (
            _gapWriter = GapRecordWriter.Open(
                options.GapsPath,
                options.Symbol,
                clock,
                state?.LastGapWritten,
                state?.LastGapRow,
                logger
            )
        )
        using (
            _tradeWriter = TradeRecordWriter.Open(
                options.TradesPath,
                state?.LastTradeWritten,
                state?.LastTradeRow,
                logger
            )
        )
        {
            try
            {
                foreach (var candle in CandleCsvReader.Read(options.CandlesPath, options.Timeframe))
                {
                    if ((++_candles & 0xFFF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    clock.Set(candle.CloseTime);
                    Record(_engine.Process(candle));
                }
            }
            finally
            {
                // The rows first, then the state that counts them (as live): a crash in between repeats no row.
                _gapWriter.Flush();
                _tradeWriter.Flush();
                store?.Save(
                    _engine.Snapshot() with
                    {
                        LastGapWritten = _gapWriter.LastWritten,
                        LastTradeWritten = _tradeWriter.LastWritten,
                        LastGapRow = _gapWriter.LastRow,
                        LastTradeRow = _tradeWriter.LastRow,
                    }
                );
            }
        }

        return Summary;
    }

    private void Record(in CandleOutcome outcome)
    {
        switch (outcome.Admission)
        {
            case CandleAdmission.NotAligned:
                _notAligned++;
                return;
            case CandleAdmission.Duplicate:
                _duplicates++;
                return;
        }

        if (outcome.Gap is { } gap)
        {
            _gaps++;
            _gapWriter!.Write(gap);
        }

        for (var i = 0; i < outcome.Events.Count; i++)
        {
            if (outcome.Events[i] is PositionClosed closed)
            {
                _tradeWriter!.Write(closed.Trade);
            }
        }
    }
}

using Microsoft.Extensions.Logging;
using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Engine;
using MoneyBot.ExtGap.Notifications;
using MoneyBot.ExtGap.Records;
using MoneyBot.ExtGap.State;
using MoneyBot.ExtGap.Trading;
using MoneyBot.MarketData.Models;

namespace MoneyBot.ExtGap.Live;

/// <summary>
/// The live bot's work for each closed candle: the engine, the CSV rows (flushed), then the state
/// saved atomically, so a restart at any point loses no candle, position or row and repeats none.
/// Used by one loop; <see cref="Report"/> and <see cref="Status"/> may be read from any thread.
/// </summary>
public sealed class CandlePipeline : IDisposable
{
    private readonly ExtGapEngine _engine;
    private readonly BotStateStore _store;
    private readonly GapRecordWriter _gaps;
    private readonly TradeRecordWriter _trades;
    private readonly DateTimeOffset _since;
    private StatisticsReport _report;
    private string _status;
    private LiveProgress _progress = LiveProgress.None;

    private CandlePipeline(
        ExtGapEngine engine,
        BotStateStore store,
        GapRecordWriter gaps,
        TradeRecordWriter trades,
        BotState? resumed,
        DateTimeOffset since
    )
    {
        (_engine, _store, _gaps, _trades, _since) = (engine, store, gaps, trades, since);
        Resumed = resumed;
        _report = Snapshot(null);
        _status = StatusLine.Format(
            engine.Symbol,
            engine.Timeframe,
            null,
            0,
            engine.Detector.LastGap,
            engine.Trader.OpenPosition
        );
    }

    /// <summary>The state the bot resumed from; null on a fresh start.</summary>
    public BotState? Resumed { get; }

    /// <summary>Open time of the last processed candle (missed candles are fetched from after it).</summary>
    public DateTimeOffset? LastOpenTime => _engine.Detector.LastOpenTime;

    /// <summary>The open position, if any.</summary>
    public Position? OpenPosition => _engine.Trader.OpenPosition;

    /// <summary>Running trade totals.</summary>
    public TradeStatistics Totals => _engine.Trader.Totals;

    /// <summary>What this run has done.</summary>
    public LiveProgress Progress => Volatile.Read(ref _progress);

    /// <summary>The latest statistics (for the periodic message).</summary>
    public StatisticsReport Report => Volatile.Read(ref _report);

    /// <summary>The one-line summary for STATUS=.</summary>
    public string Status => Volatile.Read(ref _status);

    /// <summary>
    /// Loads the state (if any), then opens the two CSV files where the state says they stopped: a row cut short by
    /// a crash is dropped and, when the state counts it, written again (logged to <paramref name="logger"/>).
    /// </summary>
    /// <exception cref="BotStateException">The state file cannot be used.</exception>
    /// <exception cref="InvalidDataException">A CSV file exists with another header.</exception>
    /// <exception cref="IOException">A file cannot be opened or created.</exception>
    public static CandlePipeline Open(LiveOptions options, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var store = new BotStateStore(options.StatePath);
        Directory.CreateDirectory(Path.GetDirectoryName(store.Path)!);
        var state = store.Load();
        var engine = new ExtGapEngine(options.Symbol, options.Timeframe, options.Trading, state);
        var gaps = GapRecordWriter.Open(
            options.GapsPath,
            options.Symbol,
            time,
            state?.LastGapWritten,
            state?.LastGapRow,
            logger
        );
        try
        {
            var trades = TradeRecordWriter.Open(
                options.TradesPath,
                state?.LastTradeWritten,
                state?.LastTradeRow,
                logger
            );
            return new CandlePipeline(engine, store, gaps, trades, state, time.GetUtcNow());
        }
        catch
        {
            gaps.Dispose();
            throw;
        }
    }

    /// <summary>Processes one closed kline: engine, rows (flushed), state saved. A duplicate changes nothing.</summary>
    /// <exception cref="IOException">A file cannot be written: the bot cannot go on safely.</exception>
    public CandleResult Process(Kline kline)
    {
        ArgumentNullException.ThrowIfNull(kline);
        var candle = Candle.Create(_engine.Timeframe, kline.OpenTime, kline.Open, kline.High, kline.Low, kline.Close);
        var outcome = _engine.Process(candle);
        if (outcome.Admission != CandleAdmission.Accepted)
        {
            return new CandleResult(candle, outcome.Admission, null, []);
        }

        var closed = 0;
        if (outcome.Gap is { } gap)
        {
            _gaps.Write(gap);
        }

        foreach (var e in outcome.Events)
        {
            if (e is PositionClosed c)
            {
                _trades.Write(c.Trade);
                closed++;
            }
        }

        _gaps.Flush();
        _trades.Flush();
        Save();
        var before = _progress;
        var after = new LiveProgress(
            before.Candles + 1,
            before.FirstCandle ?? candle,
            candle,
            before.Gaps + (outcome.Gap is null ? 0 : 1),
            before.Trades + closed
        );
        Volatile.Write(ref _progress, after);
        Volatile.Write(ref _report, Snapshot(candle.Close));
        Volatile.Write(
            ref _status,
            StatusLine.Format(
                _engine.Symbol,
                _engine.Timeframe,
                candle,
                after.Gaps,
                _engine.Detector.LastGap,
                _engine.Trader.OpenPosition
            )
        );
        return new CandleResult(candle, outcome.Admission, outcome.Gap, [.. outcome.Events]);
    }

    /// <summary>Flushes the CSV files and saves the state atomically.</summary>
    public void Save()
    {
        _gaps.Flush();
        _trades.Flush();
        _store.Save(
            _engine.Snapshot() with
            {
                LastGapWritten = _gaps.LastWritten,
                LastTradeWritten = _trades.LastWritten,
                LastGapRow = _gaps.LastRow,
                LastTradeRow = _trades.LastRow,
            }
        );
    }

    /// <summary>Flushes and closes the CSV files (the state is saved after each candle).</summary>
    public void Dispose()
    {
        _gaps.Dispose();
        _trades.Dispose();
    }

    private StatisticsReport Snapshot(decimal? lastPrice) =>
        new(
            _since,
            _engine.Trader.Totals,
            _engine.Trader.OpenPosition,
            lastPrice,
            _engine.Detector.LastGap,
            _engine.Detector.Sequence
        );
}

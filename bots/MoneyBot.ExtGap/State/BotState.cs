using System.Text.Json.Serialization;
using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Records;
using MoneyBot.ExtGap.Trading;

namespace MoneyBot.ExtGap.State;

/// <summary>What a bot saves after each candle so a restart loses no position, trend or CSV row.</summary>
/// <param name="Version">Format version (<see cref="CurrentVersion"/>).</param>
/// <param name="Symbol">The symbol the state belongs to.</param>
/// <param name="Timeframe">The timeframe name the state belongs to.</param>
/// <param name="Detector">The gap detector's state, with the last processed candle's open time.</param>
/// <param name="Trader">The trade simulator's state.</param>
/// <param name="LastGapWritten">Detection bar time of the last row written to the gaps file.</param>
/// <param name="LastTradeWritten">Close time of the last row written to the trades file.</param>
public sealed record BotState(
    int Version,
    string Symbol,
    string Timeframe,
    GapDetectorState Detector,
    TradeSimulatorState Trader,
    DateTimeOffset? LastGapWritten,
    DateTimeOffset? LastTradeWritten
)
{
    /// <summary>The format this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>
    /// The gaps file's last row as written (null in states saved before it was kept): a row cut short by a crash
    /// is written again from it.
    /// </summary>
    public CsvTail? LastGapRow { get; init; }

    /// <summary>The trades file's last row as written, like <see cref="LastGapRow"/>.</summary>
    public CsvTail? LastTradeRow { get; init; }

    /// <summary>Open time of the last processed candle (missed candles start after it).</summary>
    [JsonIgnore]
    public DateTimeOffset? LastCandleOpenTime => Detector.LastOpenTime;
}

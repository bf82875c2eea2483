using System.Text.Json;
using System.Text.Json.Serialization;
using MoneyBot.Dashboard.Sources;
using MoneyBot.Supervisor.Control;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Dashboard.Web;

/// <summary>
/// The <c>programs</c> event: the daemon's answer, or why there is none. The programs are the control socket's
/// <see cref="ProgramStatusDto"/>s, their state written as the CLI spells it (<see cref="StateLabelConverter"/>).
/// </summary>
internal sealed record ProgramsEvent(bool DaemonUp, string? Error, IReadOnlyList<ProgramStatusDto> Programs)
{
    public static ProgramsEvent From(ProgramsSnapshot snapshot) =>
        new(snapshot.Error is null, snapshot.Error, snapshot.Programs);
}

/// <summary>Writes a <see cref="ProgramState"/> as its label (<c>RUNNING</c>); the pages never send one back.</summary>
internal sealed class StateLabelConverter : JsonConverter<ProgramState>
{
    public override ProgramState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("program states are only written");

    public override void Write(Utf8JsonWriter writer, ProgramState value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Label());
}

/// <summary>The stdout and stderr tails of one program.</summary>
internal sealed record LogTail(IReadOnlyList<string> Stdout, IReadOnlyList<string> Stderr);

/// <summary>The answer to a program action.</summary>
internal sealed record ActionAnswer(bool Ok, string Message);

/// <summary>What the pages list: the bots found in the configuration.</summary>
internal sealed record CatalogView(
    string Config,
    IReadOnlyList<string> Programs,
    IReadOnlyList<ExtGapEntry> ExtGap,
    IReadOnlyList<OrderFlowEntry> OrderFlow
);

internal sealed record ExtGapEntry(string Program, string Symbol, string Timeframe);

internal sealed record OrderFlowEntry(string Program, string Symbol);

/// <summary>A candle for the charts: <c>time</c> is the open time in Unix seconds (the charts' time).</summary>
internal sealed record CandleView(long Time, decimal Open, decimal High, decimal Low, decimal Close, bool Closed);

/// <summary>A gap: its level from its opening bar to the bar that detected it (bar open times, Unix seconds).</summary>
internal sealed record GapView(
    string Polarity,
    decimal Level,
    long OpeningBar,
    long DetectionBar,
    string DetectionBarTime,
    bool IsFirstGap,
    bool IsReversal,
    int Sequence
);

/// <summary>A closed trade: entry and exit bars (open times, Unix seconds) and its P&amp;L.</summary>
internal sealed record TradeView(
    string Status,
    string Side,
    decimal EntryPrice,
    decimal ExitPrice,
    long EntryBar,
    long ExitBar,
    string OpenTime,
    string CloseTime,
    decimal RealizedPnl,
    string CloseReason
);

/// <summary>The open position; the unrealized P&amp;L at the last candle's close (before the exit fee).</summary>
internal sealed record PositionView(
    string Side,
    decimal EntryPrice,
    long EntryBar,
    string EntryTime,
    decimal Notional,
    decimal? UnrealizedPnl
);

internal sealed record TotalsView(
    int Wins,
    int Losses,
    int Breakevens,
    decimal CumulativePnl,
    decimal CumulativeFees,
    bool FromState
);

/// <summary>A point of a P&amp;L chart: a trade's close (Unix seconds), or a UTC day.</summary>
internal sealed record PnlPoint(long Time, decimal Value);

internal sealed record DayPnl(string Day, long Time, decimal Pnl, int Trades);

/// <summary>Everything an ext-gap bot's page draws.</summary>
/// <param name="GapsTotal">Rows of the gaps file, all of them; <see cref="Gaps"/> holds those in the candles'
/// range.</param>
internal sealed record ExtGapView(
    string Program,
    string Symbol,
    string Timeframe,
    string Market,
    long IntervalSeconds,
    IReadOnlyList<CandleView> Candles,
    string? CandlesError,
    IReadOnlyList<GapView> Gaps,
    int GapsTotal,
    IReadOnlyList<TradeView> Trades,
    int TradesTotal,
    PositionView? Position,
    string? PendingEntry,
    TotalsView Totals,
    IReadOnlyList<PnlPoint> CumulativePnl,
    IReadOnlyList<DayPnl> DailyPnl,
    string GapsFile,
    string TradesFile,
    string StateFile,
    bool HasState,
    IReadOnlyList<string> Problems,
    string Version
);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(StateLabelConverter)]
)]
[JsonSerializable(typeof(ProgramsEvent))]
[JsonSerializable(typeof(Dictionary<string, LogTail>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(ActionAnswer))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(CatalogView))]
[JsonSerializable(typeof(ExtGapView))]
[JsonSerializable(typeof(IReadOnlyList<CandleView>))]
internal sealed partial class DashboardJson : JsonSerializerContext;

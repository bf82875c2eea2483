using MoneyBot.Dashboard.Catalog;
using MoneyBot.Dashboard.ExtGap;
using MoneyBot.MarketData;

namespace MoneyBot.Dashboard.Tests;

/// <summary>Reading an ext-gap bot's files as the bot leaves them (torn and broken ones too); never writing.</summary>
public sealed class ExtGapRecordsTests : IDisposable
{
    private const string GapsHeader =
        "detected_at_utc,symbol,polarity,gap_level,gap_opening_bar_time,detection_bar_time,is_first_gap,is_reversal,"
        + "sequence_number,group_size_before_cleanup\n";

    private const string TradesHeader =
        "Status,Open Time,Close Time,Market,Side,Entry Price,Exit Price,Position Size ($),Position Size (Qty),"
        + "Gross P&L,Realized P&L,Total Fees,Close Reason,Cumulative Wins,Cumulative Losses,Cumulative P&L,"
        + "Cumulative Fees\n";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private ExtGapBot Bot =>
        new(
            "x",
            "BTCUSDT",
            "3m",
            Market.UsdFutures,
            new Uri("http://127.0.0.1:1"),
            _dir.File("gaps.csv"),
            _dir.File("trades.csv"),
            _dir.File("state.json")
        );

    [Fact]
    public void Missing_files_are_no_records_yet_not_a_problem()
    {
        var records = ExtGapRecords.Read(Bot);

        Assert.Empty(records.Gaps);
        Assert.Empty(records.Trades);
        Assert.Null(records.Position);
        Assert.False(records.HasState);
        Assert.Empty(records.Problems);
        Assert.Equal("-|-|-", records.Version);
    }

    [Fact]
    public void A_row_being_written_is_left_out_and_a_bad_row_is_reported_with_its_line_and_skipped()
    {
        var good =
            "2025-01-01T00:09:00.005Z,BTCUSDT,bearish,101.5,2025-01-01T00:03:00Z,2025-01-01T00:08:59.999Z,"
            + "true,false,1,3\n";
        var bad =
            "2025-01-01T00:12:00Z,BTCUSDT,bullish,not-a-price,2025-01-01T00:06:00Z,2025-01-01T00:11:59.999Z,"
            + "false,true,1,2\n";
        var torn = "2025-01-01T00:15:00Z,BTCUSDT,bullish,102,2025-01";
        File.WriteAllText(_dir.File("gaps.csv"), GapsHeader + good + bad + torn);
        var before = File.ReadAllBytes(_dir.File("gaps.csv"));

        var records = ExtGapRecords.Read(Bot);

        var gap = Assert.Single(records.Gaps);
        Assert.Equal(("bearish", 101.5m, true), (gap.Polarity, gap.Level, gap.IsFirstGap));
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 8, 59, 999, TimeSpan.Zero), gap.DetectionBarTime);
        var problem = Assert.Single(records.Problems);
        Assert.StartsWith(_dir.File("gaps.csv") + ":3: row skipped: 'gap_level' is 'not-a-price'", problem);
        Assert.Equal(before, File.ReadAllBytes(_dir.File("gaps.csv"))); // read-only
    }

    [Fact]
    public void A_file_with_another_header_is_reported_not_read()
    {
        File.WriteAllText(_dir.File("trades.csv"), "time,price\n1,2\n");

        var records = ExtGapRecords.Read(Bot);

        Assert.Empty(records.Trades);
        Assert.Contains(records.Problems, p =>
            p.StartsWith(_dir.File("trades.csv") + ":1: not a bot's file: no column Status", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void Trades_and_the_state_s_open_position_and_totals_are_read()
    {
        File.WriteAllText(
            _dir.File("trades.csv"),
            TradesHeader
                + "LOSS,2025-01-01T00:15:00Z,2025-01-01T00:23:59.999Z,BTCUSDT,SHORT,102,103.02,1000,9.8,-10,-10.6,"
                + "0.6,REVERSE,0,1,-10.6,0.6\n"
        );
        File.WriteAllText(
            _dir.File("state.json"),
            """
            {"Version":1,"Trader":{"OpenPosition":{"Side":"Long","EntryPrice":103.02,
              "EntryTime":"2025-01-01T00:23:59.999+00:00","Notional":1000,"Quantity":9.7,"EntryFee":0.3},
              "PendingEntry":null,"Totals":{"Wins":0,"Losses":1,"Breakevens":0,"CumulativePnl":-10.6,
              "CumulativeFees":0.6,"ClosedTrades":1}}}
            """
        );

        var records = ExtGapRecords.Read(Bot);

        var trade = Assert.Single(records.Trades);
        Assert.Equal(
            ("LOSS", "SHORT", -10.6m, "REVERSE"),
            (trade.Status, trade.Side, trade.RealizedPnl, trade.CloseReason)
        );
        Assert.Equal(
            new OpenPosition("Long", 103.02m, new DateTimeOffset(2025, 1, 1, 0, 23, 59, 999, TimeSpan.Zero), 1000m),
            records.Position
        );
        Assert.Equal(new Totals(0, 1, 0, -10.6m, 0.6m), records.Totals);
        Assert.True(records.HasState);
        Assert.Empty(records.Problems);
    }

    [Fact]
    public void A_state_file_that_is_not_the_bot_s_is_reported_and_the_rest_still_read()
    {
        File.WriteAllText(_dir.File("state.json"), "{\"Version\":1,");

        var records = ExtGapRecords.Read(Bot);

        Assert.Null(records.Position);
        Assert.Contains(records.Problems, p =>
            p.StartsWith(_dir.File("state.json") + ": not a state file", StringComparison.Ordinal)
        );
    }
}

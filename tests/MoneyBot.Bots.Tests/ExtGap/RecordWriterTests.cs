using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Records;
using MoneyBot.ExtGap.Replay;
using MoneyBot.ExtGap.Trading;
using static MoneyBot.Bots.Tests.ExtGap.Bars;

namespace MoneyBot.Bots.Tests.ExtGap;

/// <summary>The CSV records: header once, no row twice, quoting, formats (spec section 5).</summary>
public sealed class RecordWriterTests
{
    private static Gap GapDetectedAt(int index) =>
        new(GapPolarity.Bullish, 101.5m, T(index - 1), T(index).AddMinutes(3).AddMilliseconds(-1), false, false, 2, 7);

    [Fact]
    public void A_gap_row_has_the_spec_columns_and_the_clock_gives_detected_at()
    {
        // Arrange
        using var dir = new TempDirectory();
        var clock = new CandleClock();
        clock.Set(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

        // Act
        using (var writer = GapRecordWriter.Open(dir.File("gaps.csv"), "BTCUSDT", clock))
        {
            writer.Write(GapDetectedAt(1));
        }

        // Assert
        Assert.Equal(
            [
                string.Join(',', GapRecordWriter.Columns),
                "2025-03-01T12:00:00Z,BTCUSDT,bullish,101.5,2025-01-01T00:00:00Z,2025-01-01T00:05:59.999Z,false,"
                    + "false,2,7",
            ],
            File.ReadAllLines(dir.File("gaps.csv"))
        );
    }

    [Fact]
    public void Reopening_a_file_writes_no_second_header_and_skips_rows_it_already_has()
    {
        // Arrange: a first run writes gaps 1 and 2, then "crashes" before saving its state (no last-written key).
        using var dir = new TempDirectory();
        var path = dir.File("gaps.csv");
        using (var first = GapRecordWriter.Open(path, "BTCUSDT", TimeProvider.System))
        {
            first.Write(GapDetectedAt(1));
            first.Write(GapDetectedAt(2));
        }

        // Act: the restart replays gaps 1..3.
        using (var second = GapRecordWriter.Open(path, "BTCUSDT", TimeProvider.System, lastWritten: null))
        {
            Assert.False(second.Write(GapDetectedAt(1)));
            Assert.False(second.Write(GapDetectedAt(2)));
            Assert.True(second.Write(GapDetectedAt(3)));
            Assert.Equal((1, 2), (second.Written, second.Skipped));
        }

        // Assert
        var lines = File.ReadAllLines(path);
        Assert.Equal(4, lines.Length);
        Assert.Single(lines, l => l.StartsWith("detected_at_utc", StringComparison.Ordinal));
    }

    [Fact]
    public void A_row_cut_short_by_a_crash_is_dropped_and_the_next_row_starts_on_a_line_of_its_own()
    {
        // Arrange: no state (a crash before the state counted that row): the candle is processed again.
        using var dir = new TempDirectory();
        var path = dir.File("gaps.csv");
        File.WriteAllText(path, string.Join(',', GapRecordWriter.Columns) + "\n2025-01-01T00:05:59.999Z,BTCUSDT,bull");
        var log = new CapturingLogger();

        // Act
        using (var writer = GapRecordWriter.Open(path, "BTCUSDT", TimeProvider.System, logger: log))
        {
            writer.Write(GapDetectedAt(1));
        }

        // Assert
        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("false,false,2,7", lines[1], StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.Contains($"{path}: dropped the last 37 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_with_no_line_end_that_is_not_the_start_of_the_header_is_refused()
    {
        // Arrange
        using var dir = new TempDirectory();
        var path = dir.File("gaps.csv");
        File.WriteAllText(path, "time,price");

        // Act
        var ex = Assert.Throws<InvalidDataException>(() => GapRecordWriter.Open(path, "BTCUSDT", TimeProvider.System));

        // Assert
        Assert.Contains("another header", ex.Message, StringComparison.Ordinal);
        Assert.Equal("time,price", File.ReadAllText(path));
    }

    [Fact]
    public void A_file_with_another_header_is_refused_with_a_clear_message()
    {
        // Arrange
        using var dir = new TempDirectory();
        var path = dir.File("gaps.csv");
        File.WriteAllText(path, "time,price\n1,2\n");

        // Act
        var ex = Assert.Throws<InvalidDataException>(() => GapRecordWriter.Open(path, "BTCUSDT", TimeProvider.System));

        // Assert
        Assert.Contains("another header", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trade_row_uses_the_users_words_and_exact_decimals()
    {
        // Arrange
        using var dir = new TempDirectory();
        var totals = new TradeStatistics(3, 1, 0, 12.5m, 2.4m);
        var trade = new ClosedTrade(
            TradeStatus.Loss,
            T(0),
            T(480),
            "BTCUSDT",
            PositionSide.Short,
            100,
            101,
            1000,
            10,
            -0.01m,
            -10,
            -10.6m,
            0.6m,
            CloseReason.Expiry,
            totals
        );

        // Act
        using (var writer = TradeRecordWriter.Open(dir.File("trades.csv")))
        {
            writer.Write(trade);
            writer.Write(trade);
        }

        // Assert
        Assert.Equal(
            [
                "Status,Open Time,Close Time,Market,Side,Entry Price,Exit Price,Position Size ($),Position Size "
                    + "(Qty),Gross P&L,Realized P&L,Total Fees,Close Reason,Cumulative Wins,Cumulative "
                    + "Losses,Cumulative P&L,Cumulative Fees",
                "LOSS,2025-01-01T00:00:00Z,2025-01-02T00:00:00Z,BTCUSDT,SHORT,100,101,1000,10,-10,-10.6,0.6,"
                    + "24H_EXPIRY,3,1,12.5,2.4",
            ],
            File.ReadAllLines(dir.File("trades.csv"))
        );
    }

    [Fact]
    public void The_csv_writer_quotes_fields_with_commas_quotes_and_line_breaks()
    {
        // Arrange
        using var text = new StringWriter();
        var csv = new CsvWriter(text);

        // Act
        csv.Row(["plain", "a,b", "say \"hi\"", "two\nlines", ""]);

        // Assert
        Assert.Equal("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n", text.ToString());
        Assert.True(CsvLine.TrySplit("plain,\"a,b\",\"say \"\"hi\"\"\",", out var fields));
        Assert.Equal(["plain", "a,b", "say \"hi\"", ""], fields);
    }

    [Fact]
    public void Decimals_are_exact_without_exponent_and_times_are_iso_utc()
    {
        // Act
        string[] values =
        [
            CsvFormat.Decimal(101.00000000m),
            CsvFormat.Decimal(0.00000001m),
            CsvFormat.Decimal(-12345678901234.50m),
            CsvFormat.Decimal(100m),
            CsvFormat.Decimal(0.000m),
            CsvFormat.Decimal(-0.000m),
            CsvFormat.Decimal(1e-28m),
            CsvFormat.Decimal(decimal.MaxValue),
        ];

        // Assert
        Assert.Equal(
            [
                "101",
                "0.00000001",
                "-12345678901234.5",
                "100",
                "0",
                "0",
                "0.0000000000000000000000000001",
                "79228162514264337593543950335",
            ],
            values
        );
        Assert.Equal(
            "2025-01-01T00:05:59.999Z",
            CsvFormat.Time(new DateTimeOffset(2025, 1, 1, 1, 5, 59, 999, TimeSpan.FromHours(1)))
        );
        Assert.Equal("2025-01-01T00:06:00Z", CsvFormat.Time(new DateTimeOffset(2025, 1, 1, 0, 6, 0, TimeSpan.Zero)));
        Assert.Equal(
            "2025-12-31T23:59:59.010Z",
            CsvFormat.Time(new DateTimeOffset(2025, 12, 31, 23, 59, 59, 10, TimeSpan.Zero))
        );
    }
}

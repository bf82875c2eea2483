using MoneyBot.ExtGap.Replay;
using static MoneyBot.Bots.Tests.ExtGap.Bars;

namespace MoneyBot.Bots.Tests.ExtGap;

/// <summary>Reading candle files: epoch ms or ISO-8601, header or not, and bad rows named by file:line.</summary>
public sealed class CandleCsvReaderTests
{
    private static List<MoneyBot.ExtGap.Detection.Candle> Read(TempDirectory dir, string content)
    {
        var path = dir.File("candles.csv");
        File.WriteAllText(path, content);
        return CandleCsvReader.Read(path, ThreeMinutes).ToList();
    }

    [Fact]
    public void Epoch_milliseconds_and_iso_times_read_the_same()
    {
        // Arrange
        using var dir = new TempDirectory();

        // Act
        var epoch = Read(dir, "open_time,open,high,low,close\n1735689600000,100,101,100,101\n");
        var iso = Read(dir, "open_time,open,high,low,close\n2025-01-01T00:00:00Z,100,101.0,100,101\n");

        // Assert
        Assert.Equal(epoch, iso);
        Assert.Equal(Bar(0, 100, 101), epoch[0]);
    }

    [Fact]
    public void A_header_maps_columns_by_name_and_extra_columns_are_ignored()
    {
        // Arrange
        using var dir = new TempDirectory();

        // Act
        var candles = Read(
            dir,
            "Open_Time,Volume,Close,Low,High,Open,Close_Time\n1735689600000,5,101,100,101,100,1735689779999\n\n"
        );

        // Assert
        Assert.Equal([Bar(0, 100, 101)], candles);
    }

    [Fact]
    public void Without_a_header_columns_are_positional_with_an_optional_close_time()
    {
        // Arrange
        using var dir = new TempDirectory();

        // Act
        var candles = Read(
            dir,
            "1735689600000,100,101,100,101,1735689779999\n1735689780000,101,102,100.5,102,1735689959999\n"
        );

        // Assert
        Assert.Equal([Bar(0, 100, 101), Bar(1, 100.5m, 102, close: 102) with { Open = 101 }], candles);
    }

    [Theory]
    [InlineData("1735689600000,100,abc,100,101,1735689779999", "high 'abc' is not a number")]
    [InlineData(
        "yesterday,100,101,100,101,1735689779999",
        "open_time 'yesterday' is neither epoch milliseconds nor an ISO-8601 time"
    )]
    [InlineData("1735689600000,100,101", "expected 6 columns")]
    [InlineData("1735689600000,100,99,100,101,1735689779999", "inconsistent prices: high 99 and low 100")]
    [InlineData("1735689600000,0,101,0,101,1735689779999", "open 0 must be above 0")]
    [InlineData("1735689600000,100,101,100,101,1735689659999", "does not fit a 3m candle")]
    public void A_bad_row_names_the_file_the_line_and_the_problem(string row, string problem)
    {
        // Arrange
        using var dir = new TempDirectory();

        // Act
        var ex = Assert.Throws<CandleFileException>(() =>
            Read(
                dir,
                "open_time,open,high,low,close,close_time\n1735689420000,100,101,100,101,1735689599999\n" + row + "\n"
            )
        );

        // Assert
        Assert.StartsWith(dir.File("candles.csv") + ":3: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void A_header_without_a_required_column_is_refused()
    {
        // Arrange
        using var dir = new TempDirectory();

        // Act
        var ex = Assert.Throws<CandleFileException>(() => Read(dir, "open_time,open,low,close\n"));

        // Assert
        Assert.Contains(":1: the header has no 'high' column", ex.Message, StringComparison.Ordinal);
    }
}

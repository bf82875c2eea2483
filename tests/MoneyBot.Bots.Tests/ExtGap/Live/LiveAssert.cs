using System.Globalization;
using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Records;

namespace MoneyBot.Bots.Tests.ExtGap.Live;

/// <summary>Assertions on what live runs wrote and processed.</summary>
internal static class LiveAssert
{
    /// <summary>
    /// Each candle opens exactly one interval after the one before: nothing skipped, repeated or reordered.
    /// </summary>
    public static void Contiguous(IReadOnlyList<Candle> candles)
    {
        Assert.True(candles.Count >= 2, $"only {candles.Count} candles");
        for (var i = 1; i < candles.Count; i++)
        {
            Assert.True(
                candles[i].OpenTime == candles[i - 1].OpenTime + LiveRig.OneMinute.Interval,
                $"candle {i} opens at {candles[i].OpenTime:O}, after {candles[i - 1].OpenTime:O}: skipped, "
                    + $"repeated or reordered"
            );
        }
    }

    /// <summary>
    /// The gaps files hold the same rows, by value, except <c>detected_at_utc</c> (wall time live, candle time in a
    /// replay).
    /// </summary>
    public static int SameGaps(string expectedPath, string actualPath) =>
        SameRows(expectedPath, actualPath, firstColumn: 1);

    /// <summary>The trades files hold the same rows, by value, every column.</summary>
    public static int SameTrades(string expectedPath, string actualPath) =>
        SameRows(expectedPath, actualPath, firstColumn: 0);

    private static int SameRows(string expectedPath, string actualPath, int firstColumn)
    {
        var expected = File.ReadAllLines(expectedPath).Where(l => l.Length > 0).ToList();
        var actual = File.ReadAllLines(actualPath).Where(l => l.Length > 0).ToList();
        Assert.Equal(expected[0], actual[0]);
        Assert.True(
            expected.Count == actual.Count,
            $"{expected.Count - 1} rows expected, {actual.Count - 1} written:\n{string.Join('\n', actual)}"
        );
        for (var row = 1; row < expected.Count; row++)
        {
            Assert.True(CsvLine.TrySplit(expected[row], out var want));
            Assert.True(CsvLine.TrySplit(actual[row], out var got));
            Assert.Equal(want.Count, got.Count);
            for (var col = firstColumn; col < want.Count; col++)
            {
                Assert.True(
                    SameValue(want[col], got[col]),
                    $"row {row} column {col}: expected '{want[col]}', got '{got[col]}'"
                );
            }
        }

        return expected.Count - 1;
    }

    private static bool SameValue(string want, string got) =>
        decimal.TryParse(want, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
        && decimal.TryParse(got, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            ? a == b
        : CsvFormat.TryParseTime(want, out var t1) && CsvFormat.TryParseTime(got, out var t2) ? t1 == t2
        : want == got;
}

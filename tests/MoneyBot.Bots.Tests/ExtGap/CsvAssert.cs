using System.Globalization;
using MoneyBot.ExtGap.Records;

namespace MoneyBot.Bots.Tests.ExtGap;

/// <summary>Compares CSV files by value: 101 equals 101.00000000, times compare as instants.</summary>
internal static class CsvAssert
{
    public static void SameValues(string expectedPath, string actualPath)
    {
        var expected = File.ReadAllLines(expectedPath).Where(l => l.Length > 0).ToList();
        var actual = File.ReadAllLines(actualPath).Where(l => l.Length > 0).ToList();
        Assert.Equal(expected[0], actual[0]);
        Assert.Equal(expected.Count, actual.Count);
        for (var row = 1; row < expected.Count; row++)
        {
            Assert.True(CsvLine.TrySplit(expected[row], out var want));
            Assert.True(CsvLine.TrySplit(actual[row], out var got));
            Assert.Equal(want.Count, got.Count);
            for (var col = 0; col < want.Count; col++)
            {
                Assert.True(
                    SameValue(want[col], got[col]),
                    $"row {row} column {col}: expected '{want[col]}', got '{got[col]}'"
                );
            }
        }
    }

    private static bool SameValue(string want, string got)
    {
        if (
            decimal.TryParse(want, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && decimal.TryParse(got, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
        )
        {
            return a == b;
        }

        return CsvFormat.TryParseTime(want, out var t1) && CsvFormat.TryParseTime(got, out var t2)
            ? t1 == t2
            : want == got;
    }
}

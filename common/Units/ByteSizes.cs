using System.Globalization;

namespace MoneyBot.Common.Units;

/// <summary>
/// Sizes written as <c>512B</c>, <c>512KB</c>, <c>10MB</c>, <c>1GB</c> (1 KB = 1024 bytes) or a bare byte count.
/// </summary>
public static class ByteSizes
{
    /// <summary>Parses a size; returns false for anything else.</summary>
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var (number, unit) = Durations.SplitUnit(text.Trim());
        if (
            number.Length == 0
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
        )
        {
            return false;
        }

        double? multiplier = unit switch
        {
            "" or "b" => 1,
            "k" or "kb" or "kib" => 1024,
            "m" or "mb" or "mib" => 1024 * 1024,
            "g" or "gb" or "gib" => 1024 * 1024 * 1024,
            _ => null,
        };
        if (multiplier is null || n * multiplier.Value > long.MaxValue)
        {
            return false;
        }

        bytes = (long)(n * multiplier.Value);
        return true;
    }

    /// <summary>A short human form: <c>512B</c>, <c>1.5KB</c>, <c>10.0MB</c>.</summary>
    public static string Format(long bytes) =>
        bytes switch
        {
            < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes}B"),
            < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#}KB"),
            < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#}MB"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##}GB"),
        };
}

using System.Globalization;

namespace MoneyBot.Common.Units;

/// <summary>
/// Durations written as <c>500ms</c>, <c>10s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c> (a bare <c>0</c> is allowed).
/// </summary>
public static class Durations
{
    /// <summary>Parses a duration; returns false for anything else (negative values included).</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var s = text.Trim();
        if (s == "0")
        {
            return true;
        }

        var (number, unit) = SplitUnit(s);
        if (
            number.Length == 0
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
        )
        {
            return false;
        }

        double? ms = unit switch
        {
            "ms" => n,
            "s" => n * 1000,
            "m" => n * 60_000,
            "h" => n * 3_600_000,
            "d" => n * 86_400_000,
            _ => null,
        };
        if (ms is null || double.IsInfinity(ms.Value) || ms.Value > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(ms.Value);
        return true;
    }

    /// <summary>A short human form: <c>250ms</c>, <c>12s</c>, <c>3m20s</c>, <c>2h05m</c>, <c>3d4h</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            return "-" + Format(-value);
        }

        if (value < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalMilliseconds}ms");
        }

        if (value < TimeSpan.FromMinutes(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalSeconds}s");
        }

        if (value < TimeSpan.FromHours(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value.Minutes}m{value.Seconds:00}s");
        }

        return value < TimeSpan.FromDays(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{value.Hours}h{value.Minutes:00}m")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalDays}d{value.Hours}h");
    }

    internal static (string Number, string Unit) SplitUnit(string s)
    {
        var i = 0;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
        {
            i++;
        }

        return (s[..i], s[i..].Trim().ToLowerInvariant());
    }
}

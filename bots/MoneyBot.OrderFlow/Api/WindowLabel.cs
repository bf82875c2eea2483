using System.Globalization;
using MoneyBot.Common.Units;

namespace MoneyBot.OrderFlow.Api;

/// <summary>
/// Windows as the API reads and writes them: <c>45s</c>, <c>2m</c>, <c>900s</c> in; <c>45s</c>, <c>120s</c>,
/// <c>1500ms</c> out.
/// </summary>
internal static class WindowLabel
{
    /// <summary>Whole seconds as <c>300s</c>, anything else as <c>1500ms</c>.</summary>
    public static string Format(TimeSpan window)
    {
        var ms = (long)window.TotalMilliseconds;
        return ms % 1000 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000}s")
            : string.Create(CultureInfo.InvariantCulture, $"{ms}ms");
    }

    /// <summary>
    /// A duration like <c>45s</c>, <c>2m</c>, <c>1500ms</c>, or a bare number of seconds; at least 1 ms.
    /// </summary>
    public static bool TryParse(string text, out TimeSpan window)
    {
        var trimmed = text.Trim();
        if (
            trimmed.Length > 0
            && trimmed.All(char.IsAsciiDigit)
            && long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= (long)TimeSpan.MaxValue.TotalSeconds
        )
        {
            window = TimeSpan.FromSeconds(seconds);
        }
        else if (!Durations.TryParse(trimmed, out window))
        {
            return false;
        }

        window = TimeSpan.FromMilliseconds(Math.Floor(window.TotalMilliseconds));
        return window > TimeSpan.Zero;
    }
}

using System.Globalization;

namespace MoneyBot.OrderFlow.Conditions;

/// <summary>How figures read in the reasons: invariant, trailing zeros dropped, seconds, UTC times.</summary>
internal static class ReasonText
{
    /// <summary><c>1.5</c>, <c>-0.25</c>, <c>0</c>.</summary>
    public static string Number(decimal value) =>
        value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary><c>+1.5</c>, <c>-0.25</c>, <c>0</c>.</summary>
    public static string Signed(decimal value) => value > 0 ? "+" + Number(value) : Number(value);

    /// <summary>Milliseconds as seconds: <c>45</c>, <c>45.5</c>.</summary>
    public static string Seconds(long milliseconds) =>
        (milliseconds / 1000m).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A duration as seconds.</summary>
    public static string Seconds(TimeSpan duration) => Seconds((long)duration.TotalMilliseconds);

    /// <summary>Exchange time as <c>2025-11-21T12:03:10.250Z</c>.</summary>
    public static string Time(long milliseconds) =>
        DateTimeOffset
            .FromUnixTimeMilliseconds(milliseconds)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.Bots.Tests.OrderFlow.Flow;

/// <summary>
/// Builds hand-made trade sequences in exchange time and feeds them to a <see cref="SymbolFlow"/>.
/// Times are Unix milliseconds; <see cref="Day"/> is a session anchor (00:00 UTC) and
/// <see cref="Start"/> one hour later, so a test that does not care about the session stays in one.
/// </summary>
internal static class Tape
{
    /// <summary>2024-01-02T00:00:00Z.</summary>
    public static readonly long Day = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>2024-01-02T01:00:00Z: a whole minute, well inside the session of <see cref="Day"/>.</summary>
    public static readonly long Start = Day + 3_600_000;

    /// <summary><see cref="Start"/> plus <paramref name="seconds"/> (to the millisecond).</summary>
    public static long Sec(decimal seconds) => Start + (long)(seconds * 1000m);

    /// <summary><see cref="Start"/> plus whole <paramref name="minutes"/> and <paramref name="seconds"/>.</summary>
    public static long Min(int minutes, decimal seconds = 0) => Sec((minutes * 60) + seconds);

    /// <summary>An aggressive buy.</summary>
    public static Trade Buy(long id, long timeMs, decimal price, decimal quantity) =>
        new(id, timeMs, price, quantity, Aggressor.Buy);

    /// <summary>An aggressive sell.</summary>
    public static Trade Sell(long id, long timeMs, decimal price, decimal quantity) =>
        new(id, timeMs, price, quantity, Aggressor.Sell);

    /// <summary>A flow for BTCUSDT with <paramref name="settings"/> (the spec's defaults when null).</summary>
    public static SymbolFlow NewFlow(FlowSettings? settings = null) => new("BTCUSDT", settings);

    /// <summary>
    /// Applies <paramref name="trades"/> in the order given (the arrival order); returns what each did.
    /// </summary>
    public static ApplyOutcome[] Feed(SymbolFlow flow, params Trade[] trades)
    {
        var outcomes = new ApplyOutcome[trades.Length];
        for (var i = 0; i < trades.Length; i++)
        {
            outcomes[i] = flow.Apply(in trades[i]);
        }

        return outcomes;
    }

    /// <summary>A flow fed with <paramref name="trades"/>.</summary>
    public static SymbolFlow Fed(params Trade[] trades)
    {
        var flow = NewFlow();
        Feed(flow, trades);
        return flow;
    }
}

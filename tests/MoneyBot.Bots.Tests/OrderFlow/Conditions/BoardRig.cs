using MoneyBot.Bots.Tests.Infrastructure;
using MoneyBot.OrderFlow.Conditions;
using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.Bots.Tests.OrderFlow.Conditions;

/// <summary>
/// A <see cref="FlowBoard"/> on a <see cref="TestClock"/>, fed by hand: a trade at second s of exchange
/// time arrives at the same local time (the clock is moved there first), so the feed is fresh until
/// the clock is advanced past <see cref="StaleAfter"/> with no trade.
/// </summary>
internal sealed class BoardRig
{
    /// <summary>10 s without a trade: stale.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, long> _nextIds = new(StringComparer.Ordinal);

    public BoardRig(FlowSettings? settings = null, params string[] symbols)
    {
        Board = new FlowBoard(
            symbols.Length == 0 ? ["BTCUSDT"] : symbols,
            settings ?? FlowSettings.Default,
            StaleAfter,
            Clock
        );
    }

    /// <summary>Starts at 2025-11-21T12:00:00Z, a whole minute.</summary>
    public TestClock Clock { get; } = Clocks.AtNoon();

    public FlowBoard Board { get; }

    /// <summary>Exchange (and local) time of second 0, Unix ms.</summary>
    public long T0 { get; } = new DateTimeOffset(2025, 11, 21, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>An aggressive buy at <paramref name="second"/>.</summary>
    public BoardRig Buy(decimal second, decimal price, decimal quantity, string symbol = "BTCUSDT") =>
        Trade(second, price, quantity, Aggressor.Buy, symbol);

    /// <summary>An aggressive sell at <paramref name="second"/>.</summary>
    public BoardRig Sell(decimal second, decimal price, decimal quantity, string symbol = "BTCUSDT") =>
        Trade(second, price, quantity, Aggressor.Sell, symbol);

    /// <summary>The next trade's id jumps by <paramref name="missed"/>: those trades are lost.</summary>
    public BoardRig Miss(long missed, string symbol = "BTCUSDT")
    {
        _nextIds[symbol] = NextId(symbol) + missed;
        return this;
    }

    /// <summary>Moves the local clock to <paramref name="second"/> (not back).</summary>
    public BoardRig At(decimal second)
    {
        var target = DateTimeOffset.FromUnixTimeMilliseconds(T0 + (long)(second * 1000m));
        var now = Clock.GetUtcNow();
        if (target > now)
        {
            Clock.Advance(target - now);
        }

        return this;
    }

    /// <summary>Asks <paramref name="kind"/> about <paramref name="symbol"/> at its "now".</summary>
    public ConditionAnswer Ask(ConditionKind kind, ConditionRequest? request = null, string symbol = "BTCUSDT") =>
        Board.Read(symbol, (flow, status) =>
            ConditionEvaluator.Evaluate(kind, flow, status, request ?? ConditionRequest.Default)
        );

    /// <summary>
    /// Sells at 65005 absorbed at 65000-65010 after a minute of small buys above: a support zone there, history
    /// covered.
    /// </summary>
    public BoardRig SupportZoneAt65000()
    {
        for (var s = 0; s <= 50; s += 10)
        {
            Buy(s, 65015m + s, 0.1m);
        }

        return Sell(62, 65005m, 5m).Sell(63, 65005m, 5m);
    }

    private BoardRig Trade(decimal second, decimal price, decimal quantity, Aggressor side, string symbol)
    {
        At(second);
        var id = NextId(symbol);
        _nextIds[symbol] = id + 1;
        Board.Apply(symbol, new Trade(id, T0 + (long)(second * 1000m), price, quantity, side), Clock.GetUtcNow());
        return this;
    }

    private long NextId(string symbol) => _nextIds.TryGetValue(symbol, out var id) ? id : 1;
}

using MoneyBot.OrderFlow.Flow;
using static MoneyBot.Bots.Tests.OrderFlow.Flow.Tape;

namespace MoneyBot.Bots.Tests.OrderFlow.Flow;

/// <summary>
/// Absorption tapes with the default settings: 60 s window, buckets of 10, K = 3, 500k minimum
/// notional, tolerance 2 buckets (20). The zone bucket is [50,000, 50,010) (index 5000); around it
/// one trade of 1 in each of three other buckets: SELL @ 49,985 (4998), BUY @ 49,995 (4999), BUY @
/// 50,015 (5001). Their prices stay within 50,030 above and 49,980 below, so they never move price
/// beyond the tolerance on either side.
/// </summary>
internal static class Absorption
{
    /// <summary>The three surrounding trades, ids 1..3, at t = 0, 1, 2 s.</summary>
    public static Trade[] Surroundings() =>
        [Sell(1, Sec(0), 49_985m, 1m), Buy(2, Sec(1), 49_995m, 1m), Buy(3, Sec(2), 50_015m, 1m)];

    /// <summary>
    /// The surroundings, then <paramref name="side"/> 10 @ 50,005 at t = 3 s (id 4): total 13 over 4
    /// buckets, mean 3.25, K x mean 9.75 &lt;= 10; notional 500,050 &gt;= 500k: a zone.
    /// </summary>
    public static SymbolFlow WithZone(Aggressor side)
    {
        var flow = NewFlow();
        Feed(flow, Surroundings());
        flow.Apply(new Trade(4, Sec(3), 50_005m, 10m, side));
        return flow;
    }
}

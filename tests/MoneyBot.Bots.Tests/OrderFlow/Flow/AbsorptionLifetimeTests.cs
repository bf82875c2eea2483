using MoneyBot.OrderFlow.Flow;
using static MoneyBot.Bots.Tests.OrderFlow.Flow.Tape;

namespace MoneyBot.Bots.Tests.OrderFlow.Flow;

/// <summary>
/// A zone stays active for 30 min after it was last confirmed unless price trades through it by more
/// than the tolerance (spec 3). The zone of <see cref="Absorption.WithZone"/> is [50,000, 50,010),
/// found at t = 3 s.
/// </summary>
public sealed class AbsorptionLifetimeTests
{
    private const long ThirtyMinutes = 1_800_000;

    [Fact]
    public void A_zone_is_active_until_30_minutes_after_it_was_seen()
    {
        // Arrange
        var flow = Absorption.WithZone(Aggressor.Buy);

        // Act: no trades since; the clock moves on.
        var justBefore = flow.Zones(Sec(3) + ThirtyMinutes - 1);
        var at30Minutes = flow.Zones(Sec(3) + ThirtyMinutes);

        // Assert
        Assert.Single(justBefore);
        Assert.Empty(at30Minutes);
    }

    [Fact]
    public void A_trade_30_minutes_after_the_zone_was_seen_expires_it()
    {
        // Arrange
        var flow = Absorption.WithZone(Aggressor.Buy);

        // Act: small sells at 49,990 (inside the tolerance, on its own in the window).
        flow.Apply(Sell(5, Sec(3) + ThirtyMinutes - 1, 49_990m, 0.1m));
        var justBefore = flow.Zones(Sec(3) + ThirtyMinutes - 1);
        flow.Apply(Sell(6, Sec(3) + ThirtyMinutes, 49_990m, 0.1m));
        var at30Minutes = flow.Zones(Sec(3) + ThirtyMinutes);

        // Assert
        Assert.Single(justBefore);
        Assert.Empty(at30Minutes);
        Assert.Equal(1, flow.Counters.ZonesExpired);
        Assert.Equal(0, flow.Counters.ZonesBroken);
    }

    [Fact]
    public void A_zone_confirmed_again_lives_30_minutes_from_the_last_confirmation()
    {
        // Arrange
        var flow = Absorption.WithZone(Aggressor.Buy);

        // Act: BUY 1 more @ 50,005 at t=30 s: 11 x 4 = 44 >= 3 x 14 = 42; notional 550,055.
        flow.Apply(Buy(5, Sec(30), 50_005m, 1m));
        var confirmed = Assert.Single(flow.Zones(Sec(30)));
        var afterFirstSighting = flow.Zones(Sec(3) + ThirtyMinutes);
        var afterConfirmation = flow.Zones(Sec(30) + ThirtyMinutes);

        // Assert: one zone, not two; strength 11 / 3.5 = 3.1429.
        Assert.Equal((Sec(3), Sec(30)), (confirmed.FirstSeenMs, confirmed.LastSeenMs));
        Assert.Equal(11m, confirmed.Volume);
        Assert.Equal(550_055m, confirmed.Notional);
        Assert.Equal(44m / 14m, confirmed.Strength, 4);
        Assert.Equal(1, flow.Counters.ZonesFound);
        Assert.Single(afterFirstSighting);
        Assert.Empty(afterConfirmation);
    }

    [Fact]
    public void Price_exactly_at_the_tolerance_above_an_absorbed_buy_zone_does_not_break_it()
    {
        // Arrange
        var flow = Absorption.WithZone(Aggressor.Buy);

        // Act: a buy at 50,010 + 20, and a sell far below (against the absorbed buyers).
        Feed(flow, Buy(5, Sec(4), 50_030m, 0.01m), Sell(6, Sec(5), 49_000m, 0.01m));

        // Assert
        Assert.Single(flow.Zones(Sec(5)));
        Assert.Equal(0, flow.Counters.ZonesBroken);
    }

    [Fact]
    public void Price_beyond_the_tolerance_above_an_absorbed_buy_zone_breaks_it()
    {
        // Arrange
        var flow = Absorption.WithZone(Aggressor.Buy);

        // Act: a trade at 50,030.01, then more buys at the bucket while that trade is in the window.
        flow.Apply(Sell(5, Sec(4), 50_030.01m, 0.01m));
        var broken = flow.Zones(Sec(4));
        flow.Apply(Buy(6, Sec(5), 50_005m, 5m));

        // Assert: broken, and not found again while price has escaped within the window.
        Assert.Empty(broken);
        Assert.Empty(flow.Zones(Sec(5)));
        Assert.Equal(1, flow.Counters.ZonesBroken);
        Assert.Equal(1, flow.Counters.ZonesFound);
    }

    [Fact]
    public void Price_exactly_at_the_tolerance_below_an_absorbed_sell_zone_does_not_break_it()
    {
        // Arrange
        var flow = Absorption.WithZone(Aggressor.Sell);

        // Act: a sell at 50,000 - 20, and a buy far above (against the absorbed sellers).
        Feed(flow, Sell(5, Sec(4), 49_980m, 0.01m), Buy(6, Sec(5), 51_000m, 0.01m));

        // Assert
        Assert.Single(flow.Zones(Sec(5)));
        Assert.Equal(0, flow.Counters.ZonesBroken);
    }

    [Fact]
    public void Price_beyond_the_tolerance_below_an_absorbed_sell_zone_breaks_it()
    {
        // Arrange
        var flow = Absorption.WithZone(Aggressor.Sell);

        // Act
        flow.Apply(Buy(5, Sec(4), 49_979.99m, 0.01m));

        // Assert
        Assert.Empty(flow.Zones(Sec(4)));
        Assert.Equal(1, flow.Counters.ZonesBroken);
    }
}

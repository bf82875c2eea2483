using MoneyBot.OrderFlow.Conditions;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.Bots.Tests.OrderFlow.Conditions;

public sealed class ZoneConditionTests
{
    private static ConditionRequest Around(decimal price, decimal? tolerance = null) =>
        ConditionRequest.Default with
        {
            Price = price,
            Tolerance = tolerance,
        };

    [Fact]
    public void A_price_within_the_tolerance_of_an_active_zone_is_near_and_to_be_avoided()
    {
        // Arrange
        var rig = new BoardRig().SupportZoneAt65000();

        // Act
        var near = rig.Ask(ConditionKind.AbsorptionZoneNear, Around(65012m));
        var avoid = rig.Ask(ConditionKind.AvoidAbsorptionZones, Around(65012m));

        // Assert
        Assert.Equal(ConditionValue.True, near.Value);
        Assert.Equal(
            "1 active absorption zone is within 20 of 65012; the nearest 65000-65010 (aggressive sells absorbed: "
                + "support), 2 away",
            near.Reason
        );
        Assert.Equal(ConditionValue.False, avoid.Value);
        Assert.EndsWith(": avoid", avoid.Reason, StringComparison.Ordinal);
        var figures = Assert.IsType<ZoneFigures>(near.Figures);
        Assert.Equal((1, 2m, 20m, true), (figures.Active, figures.Distance, figures.Tolerance, figures.Covered));
        Assert.Equal((65000m, Aggressor.Sell), (figures.Near.Single().PriceLow, figures.Near.Single().AbsorbedSide));
    }

    [Fact]
    public void A_price_far_from_every_zone_is_not_near_and_clear_to_act()
    {
        // Arrange
        var rig = new BoardRig().SupportZoneAt65000();

        // Act
        var near = rig.Ask(ConditionKind.AbsorptionZoneNear, Around(65100m));
        var avoid = rig.Ask(ConditionKind.AvoidAbsorptionZones, Around(65100m));

        // Assert
        Assert.Equal(ConditionValue.False, near.Value);
        Assert.Equal(
            "no active absorption zone within 20 of 65100 (1 active; the nearest 65000-65010 (aggressive sells "
                + "absorbed: support), 90 away)",
            near.Reason
        );
        Assert.Equal(ConditionValue.True, avoid.Value);
        Assert.StartsWith("clear: no active absorption zone", avoid.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wider_tolerance_reaches_a_farther_zone()
    {
        // Arrange
        var rig = new BoardRig().SupportZoneAt65000();

        // Act
        var near = rig.Ask(ConditionKind.AbsorptionZoneNear, Around(65100m, 90m));

        // Assert
        Assert.Equal(ConditionValue.True, near.Value);
    }

    [Fact]
    public void Without_any_zone_nothing_is_near()
    {
        // Arrange: a covered minute of small trades, no absorption.
        var rig = new BoardRig().Buy(0, 65000m, 0.1m).Sell(61, 65000m, 0.1m);

        // Act
        var near = rig.Ask(ConditionKind.AbsorptionZoneNear, Around(65000m));

        // Assert
        Assert.Equal(ConditionValue.False, near.Value);
        Assert.Equal("no active absorption zone within 20 of 65000 (none active)", near.Reason);
    }

    [Fact]
    public void The_zone_conditions_are_unknown_without_a_price()
    {
        // Arrange
        var rig = new BoardRig().SupportZoneAt65000();

        // Act
        var near = rig.Ask(ConditionKind.AbsorptionZoneNear);
        var avoid = rig.Ask(ConditionKind.AvoidAbsorptionZones);

        // Assert
        Assert.Equal((ConditionValue.Unknown, ConditionValue.Unknown), (near.Value, avoid.Value));
        Assert.Equal("no price given: ask with price=<P> (and tolerance=<T>, default 20)", near.Reason);
    }

    [Fact]
    public void The_zone_conditions_are_unknown_until_the_absorption_window_is_covered()
    {
        // Arrange: 20 s of trades; zones are found over 60 s.
        var rig = new BoardRig().Buy(0, 65000m, 0.1m).Sell(20, 65000m, 0.1m);

        // Act
        var avoid = rig.Ask(ConditionKind.AvoidAbsorptionZones, Around(65000m));

        // Assert
        Assert.Equal(ConditionValue.Unknown, avoid.Value);
        Assert.Equal("absorption zones are found over 60 s: only 20 s of complete history, 60 s needed", avoid.Reason);
    }
}

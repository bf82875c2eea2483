using System.Globalization;
using MoneyBot.OrderFlow.Flow;
using static MoneyBot.Bots.Tests.OrderFlow.Flow.Tape;

namespace MoneyBot.Bots.Tests.OrderFlow.Flow;

/// <summary>Buy / sell quantity over 30 s and the dominant side (spec 3).</summary>
public sealed class PressureTests
{
    [Fact]
    public void Buys_without_sells_give_an_infinite_pressure_dominated_by_buyers()
    {
        // Arrange
        var flow = Fed(Buy(1, Sec(0), 100m, 0.5m), Buy(2, Sec(1), 100m, 0.25m));

        // Act
        var pressure = flow.Pressure(Sec(1));

        // Assert: 0.75 / 0 is infinite, not 999.
        Assert.Equal(PressureKind.Infinite, pressure.Kind);
        Assert.Null(pressure.Ratio);
        Assert.Equal(Dominance.Buy, pressure.Dominant);
        Assert.Equal(0.75m, pressure.BuyQuantity);
        Assert.Equal(0m, pressure.SellQuantity);
    }

    [Fact]
    public void No_trades_at_all_give_an_undefined_neutral_pressure()
    {
        // Arrange
        var flow = NewFlow();

        // Act
        var pressure = flow.Pressure(Sec(0));

        // Assert
        Assert.Equal(PressureKind.Undefined, pressure.Kind);
        Assert.Null(pressure.Ratio);
        Assert.Equal(Dominance.Neutral, pressure.Dominant);
    }

    [Fact]
    public void Trades_older_than_30_seconds_leave_the_pressure_undefined()
    {
        // Arrange: a buy and a sell at t=0; the clock says t=30 s.
        var flow = Fed(Buy(1, Sec(0), 100m, 1m), Sell(2, Sec(0), 100m, 1m));

        // Act
        var pressure = flow.Pressure(Sec(30));

        // Assert: (0, 30] is empty.
        Assert.Equal(PressureKind.Undefined, pressure.Kind);
        Assert.Equal(Dominance.Neutral, pressure.Dominant);
    }

    [Fact]
    public void Only_the_last_30_seconds_count()
    {
        // Arrange: SELL 5 at t=0, BUY 1 at t=20 s, BUY 1 at t=30 s.
        var flow = Fed(Sell(1, Sec(0), 100m, 5m), Buy(2, Sec(20), 100m, 1m), Buy(3, Sec(30), 100m, 1m));

        // Act
        var pressure = flow.Pressure(Sec(30));

        // Assert: the sell is exactly 30 s old and out: 2 / 0.
        Assert.Equal(PressureKind.Infinite, pressure.Kind);
        Assert.Equal(2m, pressure.BuyQuantity);
    }

    [Theory]
    [InlineData("1.2", "1", "1.2", Dominance.Neutral)] // not above 1.2
    [InlineData("1.21", "1", "1.21", Dominance.Buy)]
    [InlineData("3", "2", "1.5", Dominance.Buy)]
    [InlineData("0.8", "1", "0.8", Dominance.Neutral)] // not below 0.8
    [InlineData("0.79", "1", "0.79", Dominance.Sell)]
    [InlineData("1", "3", "0.333333", Dominance.Sell)] // rounded to 6 decimals
    [InlineData("0", "2", "0", Dominance.Sell)] // sells only: a finite 0
    public void The_pressure_is_buy_over_sell_and_names_the_dominant_side(
        string buy,
        string sell,
        string ratio,
        Dominance dominant
    )
    {
        // Arrange
        var flow = NewFlow();
        var id = 1;
        if (D(buy) > 0)
        {
            flow.Apply(Buy(id++, Sec(0), 100m, D(buy)));
        }

        flow.Apply(Sell(id, Sec(1), 100m, D(sell)));

        // Act
        var pressure = flow.Pressure(Sec(1));

        // Assert
        Assert.Equal(PressureKind.Ratio, pressure.Kind);
        Assert.Equal(D(ratio), pressure.Ratio);
        Assert.Equal(dominant, pressure.Dominant);
    }

    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
}

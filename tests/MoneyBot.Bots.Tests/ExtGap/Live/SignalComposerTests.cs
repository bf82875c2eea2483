using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Live;
using MoneyBot.ExtGap.Notifications;
using MoneyBot.ExtGap.Trading;

namespace MoneyBot.Bots.Tests.ExtGap.Live;

/// <summary>Which messages a candle makes, and in which order.</summary>
public sealed class SignalComposerTests
{
    private static readonly Messages Messages = new("BTCUSDT", Bars.ThreeMinutes);
    private static readonly Candle Candle = Bars.Bar(10, 99, 101, close: 100);

    private static ClosedTrade Trade(CloseReason reason) =>
        new(
            TradeStatus.Win,
            Bars.T(2),
            Candle.CloseTime,
            "BTCUSDT",
            PositionSide.Short,
            110,
            100,
            1000,
            1000m / 110,
            0.09m,
            90.9m,
            90.3m,
            0.6m,
            reason,
            new TradeStatistics(1, 0, 0, 90.3m, 0.6m)
        );

    private static Gap Gap(bool first, bool reversal) =>
        new(GapPolarity.Bullish, 98, Bars.T(8), Candle.CloseTime, first, reversal, 1, 5);

    [Fact]
    public void A_reversal_says_the_gap_with_the_closed_position_and_its_pnl_then_the_entry()
    {
        // Arrange
        var entry = new Position(PositionSide.Long, 100, Candle.CloseTime, 1000, 10, 0.3m);
        var result = new CandleResult(
            Candle,
            CandleAdmission.Accepted,
            Gap(first: false, reversal: true),
            [new PositionClosed(Trade(CloseReason.Reverse)), new PositionOpened(entry)]
        );

        // Act
        var texts = SignalComposer.Compose(Messages, result);

        // Assert
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("🔄 <b>Reversal: bullish gap</b>", texts[0], StringComparison.Ordinal);
        Assert.Contains("Net P&amp;L: <b>+90.30 USD</b>", texts[0], StringComparison.Ordinal);
        Assert.StartsWith("📈 <b>LONG opened</b>", texts[1], StringComparison.Ordinal);
    }

    [Fact]
    public void An_expiry_has_its_own_message_before_the_gap_of_the_same_candle()
    {
        // Arrange
        var result = new CandleResult(
            Candle,
            CandleAdmission.Accepted,
            Gap(first: false, reversal: false),
            [new PositionClosed(Trade(CloseReason.Expiry))]
        );

        // Act
        var texts = SignalComposer.Compose(Messages, result);

        // Assert
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("⏰", texts[0], StringComparison.Ordinal);
        Assert.StartsWith("🟢 <b>bullish gap #1</b>", texts[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_gap_has_its_own_message_and_a_quiet_candle_none()
    {
        // Act
        var first = SignalComposer.Compose(
            Messages,
            new CandleResult(Candle, CandleAdmission.Accepted, Gap(first: true, reversal: false), [])
        );
        var quiet = SignalComposer.Compose(Messages, new CandleResult(Candle, CandleAdmission.Accepted, null, []));

        // Assert
        Assert.StartsWith("🧭 <b>First gap</b>", Assert.Single(first), StringComparison.Ordinal);
        Assert.Empty(quiet);
    }
}

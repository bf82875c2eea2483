using System.Text;
using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Wire;

namespace MoneyBot.Bots.Tests.OrderFlow.Replay;

/// <summary>
/// The allocation-free aggTrade reader on Binance's own message shapes (fixtures from the market-data tests).
/// </summary>
public sealed class AggTradeReaderTests
{
    [Fact]
    public void A_combined_stream_aggTrade_is_read_with_the_seller_as_aggressor_when_the_buyer_is_maker()
    {
        // Act
        var kind = AggTradeReader.Read(
            Fixture.Bytes("aggtrade_combined.json"),
            out var trade,
            out var symbol,
            out var error
        );

        // Assert
        Assert.Equal(MessageKind.AggTrade, kind);
        Assert.Null(error);
        Assert.Equal("BTCUSDT", Encoding.UTF8.GetString(symbol));
        Assert.Equal(new Trade(3012345678, 1763683380098, 91250.10m, 0.015m, Aggressor.Sell), trade);
        // the input's decimals kept
        Assert.Equal("0.015", trade.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("depth20_spot_raw.json", MessageKind.Depth)]
    [InlineData("depth20_futures_raw.json", MessageKind.Depth)]
    [InlineData("kline_closed_raw.json", MessageKind.Ignored)]
    public void Other_stream_messages_are_classified_not_read(string fixture, MessageKind expected)
    {
        Assert.Equal(expected, AggTradeReader.Read(Fixture.Bytes(fixture), out _, out _, out _));
    }

    [Theory]
    [InlineData("{\"result\":null,\"id\":1}", MessageKind.Ignored, null)]
    [InlineData(
        "{\"stream\":\"btcusdt@depth20@100ms\",\"data\":{\"lastUpdateId\":1,\"bids\":[],\"asks\":[]}}",
        MessageKind.Depth,
        null
    )]
    [InlineData("[1,2]", MessageKind.Malformed, "a message must be a JSON object")]
    [InlineData(
        "{\"e\":\"aggTrade\",\"s\":\"BTCUSDT\",\"a\":1,\"p\":\"1\",\"q\":\"1\",\"T\":5}",
        MessageKind.Malformed,
        "\"m\" (buyer is maker) is missing or not true/false"
    )]
    [InlineData(
        "{\"e\":\"aggTrade\",\"s\":\"BTCUSDT\",\"a\":1,\"p\":\"-1\",\"q\":\"1\",\"T\":5,\"m\":true}",
        MessageKind.Malformed,
        "\"p\" (price) is missing or not a positive decimal string"
    )]
    [InlineData(
        "{\"e\":\"aggTrade\",\"s\":\"BTCUSDT\",\"a\":\"x\",\"p\":\"1\",\"q\":\"1\",\"T\":5,\"m\":true}",
        MessageKind.Malformed,
        "\"a\" (aggregate trade id) is missing or not a non-negative integer"
    )]
    [InlineData(
        "{\"e\":\"aggTrade\",\"s\":\"BTCUSDT\",\"a\":1,\"p\":\"1\",\"q\":\"1\",\"T\":5,\"m\":true",
        MessageKind.Malformed,
        null
    )]
    public void Anything_else_is_ignored_or_refused_with_the_reason(string json, MessageKind expected, string? reason)
    {
        // Act
        var kind = AggTradeReader.Read(Encoding.UTF8.GetBytes(json), out _, out _, out var error);

        // Assert
        Assert.Equal(expected, kind);
        if (reason is not null)
        {
            Assert.Equal(reason, error);
        }
        else if (kind == MessageKind.Malformed)
        {
            Assert.StartsWith("not valid JSON", error, StringComparison.Ordinal);
        }
    }
}

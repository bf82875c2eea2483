using System.Text;
using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Wire;

namespace MoneyBot.Bots.Tests.OrderFlow.Replay;

/// <summary>
/// The fast path takes Binance's plain shapes and gives up on anything else (the full reader then decides).
/// </summary>
public sealed class AggTradeScannerTests
{
    private const string Raw =
        "{\"e\":\"aggTrade\",\"E\":1767225601005,\"s\":\"BTCUSDT\",\"a\":12,\"p\":\"97250.50\","
        + "\"q\":\"0.00100000\",\"f\":11,\"l\":11,\"T\":1767225601000,\"m\":false,\"M\":true}";

    [Theory]
    [InlineData(Raw)]
    [InlineData(
        "{\"e\":\"aggTrade\",\"E\":1767225601005,\"s\":\"BTCUSDT\",\"a\":12,\"p\":\"97250.50\","
            + "\"q\":\"0.00100000\",\"f\":6000000024,\"l\":6000000025,\"T\":1767225601000,\"m\":false,\"M\":true}"
    )]
    [InlineData("{\"stream\":\"btcusdt@aggTrade\",\"data\":" + Raw + "}")]
    [InlineData(
        " { \"e\" : \"aggTrade\", \"s\":\"BTCUSDT\", \"a\":12, \"p\":\"97250.50\", \"q\":\"0.00100000\", "
            + "\"T\":1767225601000, \"m\":false, \"x\":null, \"y\":-1.5e3 } "
    )]
    public void The_plain_shapes_are_read_on_the_fast_path_with_the_input_decimals(string json)
    {
        // Act
        var scanned = AggTradeScanner.TryScan(Encoding.UTF8.GetBytes(json), out var trade, out var symbol);

        // Assert
        Assert.True(scanned);
        Assert.Equal("BTCUSDT", Encoding.UTF8.GetString(symbol));
        Assert.Equal(new Trade(12, 1767225601000, 97250.50m, 0.001m, Aggressor.Buy), trade);
        Assert.Equal(
            "97250.50|0.00100000",
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{trade.Price}|{trade.Quantity}")
        );
    }

    [Fact]
    public void The_fixture_of_a_combined_stream_message_is_read_on_the_fast_path()
    {
        Assert.True(
            AggTradeScanner.TryScan(Fixture.Bytes("aggtrade_combined.json").AsSpan().TrimEnd("\r\n"u8), out _, out _)
        );
    }

    [Theory]
    // an escape
    [InlineData("{\"e\":\"aggTrade\",\"s\":\"BTC\\u0055SDT\",\"a\":1,\"p\":\"1\",\"q\":\"1\",\"T\":5,\"m\":true}")]
    // trailing garbage
    [InlineData("{\"e\":\"aggTrade\",\"s\":\"BTCUSDT\",\"a\":1,\"p\":\"1\",\"q\":\"1\",\"T\":5,\"m\":true} x")]
    // not JSON
    [InlineData("{\"e\":\"aggTrade\",\"s\":\"BTCUSDT\",\"a\":01,\"p\":\"1\",\"q\":\"1\",\"T\":5,\"m\":true}")]
    [InlineData("{\"e\":\"aggTrade\",\"s\":\"BTCUSDT\",\"a\":1,\"p\":\"1\",\"q\":\"1\",\"T\":5}")] // m missing
    [InlineData("{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"b\":[]}")] // another event
    // trailing comma
    [InlineData("{\"e\":\"aggTrade\",\"s\":\"BTCUSDT\",\"a\":1,\"p\":\"1\",\"q\":\"1\",\"T\":5,\"m\":true,}")]
    [InlineData("{\"stream\":\"btcusdt@depth20@100ms\",\"data\":{\"lastUpdateId\":1}}")]
    public void Anything_else_is_left_to_the_full_reader(string json)
    {
        Assert.False(AggTradeScanner.TryScan(Encoding.UTF8.GetBytes(json), out _, out _));
    }
}

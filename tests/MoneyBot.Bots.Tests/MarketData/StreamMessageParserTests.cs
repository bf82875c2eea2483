using System.Text;
using MoneyBot.MarketData.Streams;

namespace MoneyBot.Bots.Tests.MarketData;

public sealed class StreamMessageParserTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 21, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_raw_kline_event_maps_every_one_letter_key_to_its_name()
    {
        var ok = StreamMessageParser.TryParse(
            Fixture.Bytes("kline_closed_raw.json"),
            ["btcusdt@kline_3m"],
            Now,
            out var message,
            out var error
        );

        Assert.True(ok, error);
        var kline = Assert.IsType<KlineMessage>(message);
        Assert.Equal(
            ("btcusdt@kline_3m", "kline", "BTCUSDT", Now),
            (kline.Stream, kline.Event.EventType, kline.Event.Symbol, kline.ReceivedAt)
        );
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763683380012), kline.Event.EventTime);
        var k = kline.Event.Kline;
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763683200000), k.OpenTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763683379999), k.CloseTime);
        Assert.Equal(("BTCUSDT", "3m", true), (k.Symbol, k.Interval, k.IsClosed));
        Assert.Equal((91234.5m, 91301m, 91200m, 91250.1m), (k.Open, k.High, k.Low, k.Close));
        Assert.Equal((123.456m, 11262000.12345678m, 5433L), (k.Volume, k.QuoteVolume, k.TradeCount));
        Assert.Equal((60.0001m, 5475000.00000001m), (k.TakerBuyBaseVolume, k.TakerBuyQuoteVolume));
        Assert.Equal((5501234567L, 5501239999L), (k.FirstTradeId, k.LastTradeId));
    }

    [Fact]
    public void A_combined_message_is_unwrapped_and_keeps_its_stream_name()
    {
        var ok = StreamMessageParser.TryParse(
            Fixture.Bytes("aggtrade_combined.json"),
            ["btcusdt@aggTrade", "btcusdt@kline_3m"],
            Now,
            out var message,
            out var error
        );

        Assert.True(ok, error);
        var trade = Assert.IsType<AggTradeMessage>(message);
        Assert.Equal("btcusdt@aggTrade", trade.Stream);
        Assert.Equal(
            (3012345678L, 91250.10m, 0.015m, 5501240000L, 5501240002L, true),
            (
                trade.Trade.AggregateTradeId,
                trade.Trade.Price,
                trade.Trade.Quantity,
                trade.Trade.FirstTradeId,
                trade.Trade.LastTradeId,
                trade.Trade.BuyerIsMaker
            )
        );
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763683380098), trade.Trade.TradeTime);
    }

    [Fact]
    public void A_spot_partial_depth_message_takes_its_symbol_from_the_stream_name()
    {
        var ok = StreamMessageParser.TryParse(
            Fixture.Bytes("depth20_spot_raw.json"),
            ["btcusdt@depth20@100ms"],
            Now,
            out var message,
            out var error
        );

        Assert.True(ok, error);
        var depth = Assert.IsType<DepthMessage>(message);
        Assert.Equal(
            ("BTCUSDT", 160123456L, (DateTimeOffset?)null),
            (depth.Symbol, depth.Book.LastUpdateId, depth.EventTime)
        );
        Assert.Equal([new(91250m, 1.25m), new(91249.9m, 0.4m)], depth.Book.Bids);
        Assert.Equal([new(91250.1m, 0.75m), new(91250.2m, 2m)], depth.Book.Asks);
    }

    [Fact]
    public void A_futures_partial_depth_message_is_read_into_the_same_book_shape()
    {
        var ok = StreamMessageParser.TryParse(
            Fixture.Bytes("depth20_futures_raw.json"),
            ["btcusdt@depth20@100ms"],
            Now,
            out var message,
            out var error
        );

        Assert.True(ok, error);
        var depth = Assert.IsType<DepthMessage>(message);
        Assert.Equal(("BTCUSDT", 8800020L), (depth.Symbol, depth.Book.LastUpdateId));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763683380200), depth.EventTime);
        Assert.Equal([new(91248.0m, 3.1m)], depth.Book.Bids);
        Assert.Equal([new(91248.1m, 0.9m)], depth.Book.Asks);
    }

    [Fact]
    public void Without_a_stream_name_the_kind_comes_from_the_event_type()
    {
        var ok = StreamMessageParser.TryParse(
            Fixture.Bytes("kline_closed_raw.json"),
            [],
            Now,
            out var message,
            out var error
        );

        Assert.True(ok, error);
        Assert.Equal(string.Empty, Assert.IsType<KlineMessage>(message).Stream);
    }

    [Theory]
    [InlineData("""{"e":"aggTrade","E":17,"s":"BTC""", "cut off")]
    [InlineData("""{"stream":"btcusdt@kline_1m","data":{"e":"kline","E":17""", "cut off inside the envelope")]
    [InlineData("""{"e":"aggTrade","E":1,"s":"BTCUSDT","a":1,"q":"1","T":1,"m":true}""", "no price")]
    [InlineData(
        """{"e":"aggTrade","E":1,"s":"BTCUSDT","a":1,"p":"abc","q":"1","T":1,"m":true}""",
        "price not a number"
    )]
    [InlineData("""{"e":"aggTrade","E":1,"s":null,"a":1,"p":"1","q":"1","T":1,"m":true}""", "null symbol")]
    [InlineData("""{"result":null,"id":1}""", "not market data")]
    [InlineData("""[1,2,3]""", "not an object")]
    [InlineData("""{"stream":"btcusdt@kline_1m"}""", "envelope without data")]
    public void A_malformed_message_is_a_false_result_with_a_reason(string json, string why)
    {
        var ok = StreamMessageParser.TryParse(
            Encoding.UTF8.GetBytes(json),
            ["btcusdt@aggTrade", "btcusdt@kline_1m"],
            Now,
            out var message,
            out var error
        );

        Assert.False(ok, why);
        Assert.Null(message);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Upper_and_lower_case_keys_are_different_fields()
    {
        // "t" is the open time and "T" the close time: swapping them must not be read as the same kline.
        var json = Encoding
            .UTF8.GetString(Fixture.Bytes("kline_closed_raw.json"))
            .Replace("\"T\":1763683379999", "\"T\":1763683200001", StringComparison.Ordinal);

        var ok = StreamMessageParser.TryParse(
            Encoding.UTF8.GetBytes(json),
            ["btcusdt@kline_3m"],
            Now,
            out var message,
            out _
        );

        Assert.True(ok);
        var k = Assert.IsType<KlineMessage>(message).Event.Kline;
        Assert.Equal(
            (1763683200000L, 1763683200001L),
            (k.OpenTime.ToUnixTimeMilliseconds(), k.CloseTime.ToUnixTimeMilliseconds())
        );
    }
}

using MoneyBot.MarketData;
using MoneyBot.MarketData.Streams;

namespace MoneyBot.Bots.Tests.MarketData;

public sealed class StreamNamesTests
{
    [Fact]
    public void Stream_names_are_lower_case_with_binance_suffixes()
    {
        Assert.Equal("btcusdt@kline_3m", StreamNames.Kline("BTCUSDT", KlineInterval.ThreeMinutes));
        Assert.Equal("ethusdt@aggTrade", StreamNames.AggTrade("ETHUSDT"));
        Assert.Equal("btcusdt@depth20@100ms", StreamNames.PartialDepth("BTCUSDT", 20, TimeSpan.FromMilliseconds(100)));
        Assert.Equal("btcusdt@depth5", StreamNames.PartialDepth("btcusdt", 5));
        Assert.Equal("BTCUSDT", StreamNames.SymbolOf("btcusdt@depth20@100ms"));
    }

    [Fact]
    public void One_stream_connects_raw_and_several_connect_combined_below_the_base_path()
    {
        var raw = new BinanceStreamOptions(new Uri("wss://fstream.binance.com"), ["btcusdt@kline_3m"]);
        var combined = new BinanceStreamOptions(
            new Uri("ws://127.0.0.1:5000/futures/"),
            ["btcusdt@aggTrade", "btcusdt@depth20@100ms"]
        );

        Assert.Equal("wss://fstream.binance.com/ws/btcusdt@kline_3m", raw.ConnectionUri().AbsoluteUri);
        Assert.Equal(
            "ws://127.0.0.1:5000/futures/stream?streams=btcusdt@aggTrade/btcusdt@depth20@100ms",
            combined.ConnectionUri().ToString()
        );
    }

    [Fact]
    public void Bad_stream_options_are_rejected_with_what_to_fix()
    {
        var http = Assert.Throws<ArgumentException>(() =>
            new BinanceStreamOptions(new Uri("https://x"), ["a@b"]).Validate()
        );
        var none = Assert.Throws<ArgumentException>(() => new BinanceStreamOptions(new Uri("wss://x"), []).Validate());
        var stale = Assert.Throws<ArgumentException>(() =>
            new BinanceStreamOptions(new Uri("wss://x"), ["a@b"]) { StaleAfter = TimeSpan.Zero }.Validate()
        );

        Assert.Contains("ws://", http.Message, StringComparison.Ordinal);
        Assert.Contains("stream name", none.Message, StringComparison.Ordinal);
        Assert.Contains("StaleAfter", stale.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kline_intervals_parse_binance_names_and_align_to_the_epoch()
    {
        var interval = KlineInterval.Parse("15m");

        Assert.Equal(TimeSpan.FromMinutes(15), interval.Duration);
        Assert.Equal(
            DateTimeOffset.Parse("2025-11-21T10:45:00Z", System.Globalization.CultureInfo.InvariantCulture),
            interval.OpenTimeOf(
                DateTimeOffset.Parse("2025-11-21T10:59:59.999Z", System.Globalization.CultureInfo.InvariantCulture)
            )
        );
        Assert.Throws<FormatException>(() => KlineInterval.Parse("1M"));
        Assert.False(KlineInterval.TryParse("7m", out _));
    }

    [Fact]
    public void Endpoints_default_to_binance_and_reject_wrong_schemes()
    {
        Assert.Equal("https://fapi.binance.com/", MarketDataEndpoints.Binance.RestBase(Market.UsdFutures).AbsoluteUri);
        Assert.Equal(
            "wss://stream.binance.com:9443/",
            MarketDataEndpoints.Binance.WebSocketBase(Market.Spot).AbsoluteUri
        );
        var wrong = MarketDataEndpoints.Binance with { SpotWebSocket = new Uri("https://stream.binance.com") };

        var error = Assert.Throws<ArgumentException>(() => wrong.Validate());
        Assert.Contains("SpotWebSocket", error.Message, StringComparison.Ordinal);
    }
}

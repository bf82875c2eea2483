using System.Net;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.Bots.Tests.OrderFlow.Api;

public sealed class MetricsEndpointTests
{
    [Fact(Timeout = 30_000)]
    public async Task Metrics_at_a_custom_window_give_exact_deltas_whales_and_an_infinite_pressure()
    {
        // Arrange: 60 s of history; within the last 45 s a 0.25 sell (outside 30 s), a 1.50 buy (97.5k: small) and a 10
        // BTC buy (650k: large).
        await using var rig = await ApiRig.StartAsync();
        rig.Feed.Sell(0, 65000m, 3m).Sell(20, 65000m, 0.25m).Buy(40, 65000m, 1.50m).Buy(60, 65000m, 10m);

        // Act
        var metrics = await rig.GetJsonAsync("metrics/btcusdt?window=45s");

        // Assert
        Assert.Equal("BTCUSDT", metrics.GetProperty("symbol").GetString());
        Assert.Equal("2025-11-21T12:01:00.000Z", metrics.GetProperty("time").GetString());
        var window = Assert.Single(metrics.GetProperty("windows").EnumerateArray());
        Assert.Equal("45s", window.GetProperty("window").GetString());
        Assert.True(window.GetProperty("covered").GetBoolean());
        Assert.Equal("11.25", window.GetProperty("delta_qty").GetRawText());
        Assert.Equal("11.50", window.GetProperty("buy_qty").GetRawText());
        Assert.Equal("0.25", window.GetProperty("sell_qty").GetRawText());
        Assert.Equal(731_250m, window.GetProperty("delta_quote").GetDecimal());
        Assert.Equal(3, window.GetProperty("trades").GetInt64());
        var whales = window.GetProperty("whales");
        Assert.Equal(
            (1, 0, 1, 0),
            (
                whales.GetProperty("small").GetInt64(),
                whales.GetProperty("medium").GetInt64(),
                whales.GetProperty("large").GetInt64(),
                whales.GetProperty("whale").GetInt64()
            )
        );
        var pressure = metrics.GetProperty("pressure");
        Assert.Equal(
            ("30s", "infinity", "BUY"),
            (
                pressure.GetProperty("window").GetString(),
                pressure.GetProperty("ratio").GetString(),
                pressure.GetProperty("dominant").GetString()
            )
        );
        var recent = metrics.GetProperty("recent_whales").EnumerateArray().ToList();
        Assert.Equal(["large", "small", "medium"], recent.Select(w => w.GetProperty("tier").GetString()));
        var whale = recent[0];
        Assert.Equal(
            ("BUY", "large", "10"),
            (
                whale.GetProperty("side").GetString(),
                whale.GetProperty("tier").GetString(),
                whale.GetProperty("qty").GetRawText()
            )
        );
        Assert.Equal(rig.Feed.T0 + 60_000, whale.GetProperty("time_ms").GetInt64());
        var cvd = metrics.GetProperty("cvd");
        Assert.Equal(8.25m, cvd.GetProperty("value").GetDecimal());
        Assert.Equal(
            ("unknown", System.Text.Json.JsonValueKind.Null),
            (cvd.GetProperty("trend").GetString(), cvd.GetProperty("slope").ValueKind)
        );
        Assert.Equal(System.Text.Json.JsonValueKind.Null, metrics.GetProperty("book").ValueKind);
    }

    [Fact(Timeout = 30_000)]
    public async Task Metrics_default_to_the_30_60_and_300_second_windows_and_say_which_are_not_covered()
    {
        // Arrange
        await using var rig = await ApiRig.StartAsync();
        rig.Feed.Buy(0, 65000m, 1m).Sell(90, 65000m, 1m);

        // Act
        var metrics = await rig.GetJsonAsync("metrics/BTCUSDT");

        // Assert
        var windows = metrics.GetProperty("windows").EnumerateArray().ToList();
        Assert.Equal(["30s", "60s", "300s"], windows.Select(w => w.GetProperty("window").GetString()));
        Assert.Equal([true, true, false], windows.Select(w => w.GetProperty("covered").GetBoolean()));
        Assert.Equal(90m, metrics.GetProperty("covered_seconds").GetDecimal());
    }

    [Fact(Timeout = 30_000)]
    public async Task Several_windows_and_a_book_and_a_zone_are_reported()
    {
        // Arrange
        await using var rig = await ApiRig.StartAsync();
        rig.Feed.SupportZoneAt65000();
        rig.Feed.Board.ApplyBook(
            "BTCUSDT",
            new BookImbalance(3m, 1m, 5, rig.Feed.T0 + 63_000, rig.Feed.Clock.GetUtcNow())
        );

        // Act
        var metrics = await rig.GetJsonAsync("metrics/BTCUSDT?window=2m,15s");

        // Assert
        Assert.Equal(
            ["15s", "120s"],
            metrics.GetProperty("windows").EnumerateArray().Select(w => w.GetProperty("window").GetString())
        );
        var book = metrics.GetProperty("book");
        Assert.Equal((3m, 0.5m), (book.GetProperty("ratio").GetDecimal(), book.GetProperty("normalised").GetDecimal()));
        var zone = Assert.Single(metrics.GetProperty("zones").EnumerateArray());
        Assert.Equal(
            ("SELL", "support", 65000m),
            (
                zone.GetProperty("absorbed_side").GetString(),
                zone.GetProperty("acts_as").GetString(),
                zone.GetProperty("price_low").GetDecimal()
            )
        );
        Assert.Equal("2025-11-21T12:01:03.000Z", zone.GetProperty("first_seen").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_stale_feed_ages_its_pressure_out_to_undefined_rather_than_a_number()
    {
        // Arrange: the last trade at 5 s, then silence until 40 s: stale, so "now" follows the clock.
        await using var rig = await ApiRig.StartAsync();
        rig.Feed.Buy(0, 65000m, 1m).Sell(5, 65000m, 1m).At(40);

        // Act
        var metrics = await rig.GetJsonAsync("metrics/BTCUSDT?window=30s");

        // Assert: (10 s, 40 s] holds no trade.
        Assert.True(metrics.GetProperty("stale").GetBoolean());
        Assert.Equal("2025-11-21T12:00:40.000Z", metrics.GetProperty("time").GetString());
        Assert.Equal("undefined", metrics.GetProperty("pressure").GetProperty("ratio").GetString());
        Assert.Equal("NEUTRAL", metrics.GetProperty("pressure").GetProperty("dominant").GetString());
    }

    [Theory(Timeout = 30_000)]
    [InlineData(
        "metrics/XRPUSDT",
        HttpStatusCode.NotFound,
        "unknown symbol 'XRPUSDT': this bot does not follow it",
        "BTCUSDT"
    )]
    [InlineData("metrics/BTCUSDT?window=5x", HttpStatusCode.BadRequest, "bad window '5x'", "like 45s, 2m, 300s")]
    [InlineData("metrics/BTCUSDT?window=0s", HttpStatusCode.BadRequest, "bad window '0s'", "above 0")]
    [InlineData(
        "metrics/BTCUSDT?window=20m",
        HttpStatusCode.BadRequest,
        "window '20m' is longer than the 900s of trades the bot keeps",
        "at most the retention (900s)"
    )]
    [InlineData(
        "metrics/BTCUSDT?windows=30s",
        HttpStatusCode.BadRequest,
        "unknown parameter 'windows'",
        "parameters window"
    )]
    [InlineData("metric/BTCUSDT", HttpStatusCode.NotFound, "no endpoint GET /metric/BTCUSDT", "GET /status")]
    public async Task Bad_requests_get_a_json_error_naming_what_is_wrong_and_what_is_accepted(
        string path,
        HttpStatusCode status,
        string error,
        string accepted
    )
    {
        // Arrange
        await using var rig = await ApiRig.StartAsync();

        // Act
        var problem = await rig.GetJsonAsync(path, status);

        // Assert
        Assert.Equal(error, problem.GetProperty("error").GetString());
        Assert.Contains(accepted, problem.GetProperty("accepted").GetString(), StringComparison.Ordinal);
    }
}

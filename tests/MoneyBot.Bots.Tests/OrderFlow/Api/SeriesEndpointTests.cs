using System.Net;
using System.Text.Json;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.Bots.Tests.OrderFlow.Api;

public sealed class SeriesEndpointTests
{
    private static List<JsonElement> Delta(JsonElement series) => [.. series.GetProperty("delta").EnumerateArray()];

    private static List<JsonElement> Bars(JsonElement series) => [.. series.GetProperty("cvd_bars").EnumerateArray()];

    private static long Ms(JsonElement element, string name) => element.GetProperty(name + "_ms").GetInt64();

    [Fact(Timeout = 30_000)]
    public async Task A_series_defaults_to_60s_buckets_over_the_retention_oldest_first_ending_at_now()
    {
        // Arrange: a buy at 0 s and a sell at 30 s, the end of the bucket (-30 s, 30 s]; a buy at 150 s, now.
        await using var rig = await ApiRig.StartAsync();
        rig.Feed.Buy(0, 65000m, 1m).Sell(30, 65000m, 0.4m).Buy(150, 65000m, 0.25m);
        var now = rig.Feed.T0 + 150_000;

        // Act
        var series = await rig.GetJsonAsync("series/btcusdt");
        using var response = await rig.Http.GetAsync(new Uri("series/BTCUSDT", UriKind.Relative));

        // Assert
        Assert.Equal(
            ("BTCUSDT", "2025-11-21T12:02:30.000Z", now, false),
            (
                series.GetProperty("symbol").GetString(),
                series.GetProperty("time").GetString(),
                Ms(series, "time"),
                series.GetProperty("stale").GetBoolean()
            )
        );
        Assert.Equal(
            ("60s", 60m, 900L, rig.Feed.T0),
            (
                series.GetProperty("bucket").GetString(),
                series.GetProperty("bucket_seconds").GetDecimal(),
                series.GetProperty("retention_seconds").GetInt64(),
                Ms(series, "covered_from")
            )
        );
        var delta = Delta(series);
        Assert.Equal(15, delta.Count);
        Assert.Equal(Enumerable.Range(0, 15).Select(k => now - ((14 - k) * 60_000L)), delta.Select(b => Ms(b, "end")));
        Assert.All(delta, b => Assert.Equal(Ms(b, "end") - 60_000, Ms(b, "start")));
        Assert.Equal(
            ("2025-11-21T12:01:30.000Z", "2025-11-21T12:02:30.000Z"),
            (delta[^1].GetProperty("start").GetString(), delta[^1].GetProperty("end").GetString())
        );
        Assert.Equal(now - 900_000, Ms(delta[0], "start"));
        Assert.Equal([0m, 0m, 0.6m, 0m, 0.25m], delta.Skip(10).Select(b => b.GetProperty("delta_qty").GetDecimal()));
        var first = delta[12]; // (-30 s, 30 s]: the trades at 0 s and at 30 s
        Assert.Equal(
            ("0.6", "39000.0", "1", "0.4", 2L),
            (
                first.GetProperty("delta_qty").GetRawText(),
                first.GetProperty("delta_quote").GetRawText(),
                first.GetProperty("buy_qty").GetRawText(),
                first.GetProperty("sell_qty").GetRawText(),
                first.GetProperty("trades").GetInt64()
            )
        );
        Assert.Equal(
            [.. Enumerable.Repeat(false, 13), true, true],
            delta.Select(b => b.GetProperty("covered").GetBoolean())
        );
        Assert.Equal(
            ["12:00", "12:01", "12:02"],
            Bars(series).Select(b => b.GetProperty("minute").GetString()![11..16])
        );
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_newest_bucket_equals_the_metrics_window_of_its_length_at_the_same_now_fresh_or_stale()
    {
        // Arrange: 20 minutes of trades (the last at 1197 s), so the oldest ones have left the retention.
        await using var rig = await ApiRig.StartAsync();
        for (var s = 0; s <= 1200; s += 7)
        {
            var quantity = 0.001m * (s % 97) + 0.01m;
            if (s % 3 == 0)
            {
                rig.Feed.Sell(s, 65000m + s, quantity);
            }
            else
            {
                rig.Feed.Buy(s, 65000m - s, quantity);
            }
        }

        foreach (var second in new[] { 1200m, 1230m }) // fresh at the last trade, then stale 30 s later
        {
            rig.Feed.At(second);

            // Act
            var series = await rig.GetJsonAsync("series/BTCUSDT?bucket=45s");
            var metrics = await rig.GetJsonAsync("metrics/BTCUSDT?window=45s,900s");

            // Assert
            Assert.Equal(second == 1230m, series.GetProperty("stale").GetBoolean());
            Assert.Equal(Ms(metrics, "time"), Ms(series, "time"));
            var delta = Delta(series);
            Assert.Equal(20, delta.Count);
            var newest = delta[^1];
            var window = metrics.GetProperty("windows")[0];
            foreach (var name in new[] { "delta_qty", "delta_quote", "buy_qty", "sell_qty", "trades", "covered" })
            {
                Assert.Equal(window.GetProperty(name).GetRawText(), newest.GetProperty(name).GetRawText());
            }

            // 20 buckets of 45 s are the 900 s window.
            var whole = metrics.GetProperty("windows")[1];
            Assert.Equal(
                (whole.GetProperty("delta_qty").GetDecimal(), whole.GetProperty("trades").GetInt64()),
                (
                    delta.Sum(b => b.GetProperty("delta_qty").GetDecimal()),
                    delta.Sum(b => b.GetProperty("trades").GetInt64())
                )
            );
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Buckets_that_start_before_covered_from_are_flagged_uncovered_as_metrics_windows_are()
    {
        // Arrange: trades every 10 s, 5 trades lost before the one at 205 s: complete only from 205 s on.
        await using var rig = await ApiRig.StartAsync();
        for (var s = 0; s <= 200; s += 10)
        {
            rig.Feed.Buy(s, 65000m, 0.1m);
        }

        rig.Feed.Miss(5).Sell(205, 65000m, 0.3m).Sell(300, 65000m, 0.2m);

        // Act: the newest 95 s bucket starts exactly at 205 s, the newest 96 s one just before.
        var series = await rig.GetJsonAsync("series/BTCUSDT?bucket=95s");
        var wider = await rig.GetJsonAsync("series/BTCUSDT?bucket=96s");
        var metrics = await rig.GetJsonAsync("metrics/BTCUSDT?window=95s,96s");

        // Assert
        var from = rig.Feed.T0 + 205_000;
        Assert.Equal((from, from), (Ms(series, "covered_from"), Ms(metrics, "covered_from")));
        var delta = Delta(series);
        Assert.Equal(9, delta.Count); // floor(900 / 95)
        Assert.Equal(from, Ms(delta[^1], "start"));
        Assert.Equal([.. Enumerable.Repeat(false, 8), true], delta.Select(b => b.GetProperty("covered").GetBoolean()));
        Assert.Equal(-0.2m, delta[^1].GetProperty("delta_qty").GetDecimal()); // the trade at 205 s is in the one before
        Assert.DoesNotContain(Delta(wider), b => b.GetProperty("covered").GetBoolean());
        Assert.Equal(
            [true, false],
            metrics.GetProperty("windows").EnumerateArray().Select(w => w.GetProperty("covered").GetBoolean())
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task Bars_gives_the_newest_one_minute_cvd_bars_oldest_first_ending_at_the_cvd_of_metrics()
    {
        // Arrange: minutes 12:00 to 12:04, no trade in 12:03 (a flat bar).
        await using var rig = await ApiRig.StartAsync();
        rig.Feed.Buy(0, 65000m, 1m).Sell(70, 65000m, 3m).Buy(130, 65000m, 0.5m).Buy(250, 65000m, 2m);
        rig.Feed.Sell(255, 65000m, 1m);

        // Act
        var two = await rig.GetJsonAsync("series/BTCUSDT?bars=2");
        var all = await rig.GetJsonAsync("series/BTCUSDT");
        var metrics = await rig.GetJsonAsync("metrics/BTCUSDT");

        // Assert
        var bars = Bars(two);
        Assert.Equal(
            [(rig.Feed.T0 + 180_000, -1.5m, -1.5m, -1.5m, -1.5m), (rig.Feed.T0 + 240_000, -1.5m, 0.5m, -1.5m, -0.5m)],
            bars.Select(b =>
                (
                    Ms(b, "minute"),
                    b.GetProperty("open").GetDecimal(),
                    b.GetProperty("high").GetDecimal(),
                    b.GetProperty("low").GetDecimal(),
                    b.GetProperty("close").GetDecimal()
                )
            )
        );
        Assert.Equal("2025-11-21T12:04:00.000Z", bars[1].GetProperty("minute").GetString());
        var every = Bars(all);
        Assert.Equal(
            Enumerable.Range(0, 5).Select(m => rig.Feed.T0 + (m * 60_000L)),
            every.Select(b => Ms(b, "minute"))
        );
        Assert.Equal(
            [(0m, 1m, 0m, 1m), (1m, 1m, -2m, -2m), (-2m, -1.5m, -2m, -1.5m)],
            every
                .Take(3)
                .Select(b =>
                    (
                        b.GetProperty("open").GetDecimal(),
                        b.GetProperty("high").GetDecimal(),
                        b.GetProperty("low").GetDecimal(),
                        b.GetProperty("close").GetDecimal()
                    )
                )
        );
        var cvd = metrics.GetProperty("cvd");
        Assert.Equal(cvd.GetProperty("value").GetRawText(), all.GetProperty("cvd").GetProperty("value").GetRawText());
        Assert.Equal(cvd.GetProperty("value").GetDecimal(), every[^1].GetProperty("close").GetDecimal());
        Assert.Equal(Ms(cvd, "since"), Ms(all.GetProperty("cvd"), "since"));
    }

    [Fact(Timeout = 30_000)]
    public async Task After_a_session_anchor_the_cvd_reads_as_in_metrics_and_only_the_new_sessions_bars_are_given()
    {
        // Arrange: the CVD session starts again at 12:05 UTC; trades from 12:00 to 12:04.
        var settings = new FlowSettings { SessionAnchor = new TimeSpan(12, 5, 0) };
        await using var rig = await ApiRig.StartAsync(settings);
        rig.Feed.Buy(0, 65000m, 1m).Buy(100, 65000m, 2m).Sell(250, 65000m, 0.5m);
        var anchor = rig.Feed.T0 + 300_000;

        // Act: stale at 12:05:30 (no trade since the anchor), then a trade at 12:05:40.
        rig.Feed.At(330);
        var rolled = await rig.GetJsonAsync("series/BTCUSDT?bars=1440");
        var rolledMetrics = await rig.GetJsonAsync("metrics/BTCUSDT");
        rig.Feed.Sell(340, 65000m, 0.75m);
        var traded = await rig.GetJsonAsync("series/BTCUSDT?bars=1440");
        var tradedMetrics = await rig.GetJsonAsync("metrics/BTCUSDT");

        // Assert
        foreach (var (series, metrics) in new[] { (rolled, rolledMetrics), (traded, tradedMetrics) })
        {
            var (cvd, expected) = (series.GetProperty("cvd"), metrics.GetProperty("cvd"));
            Assert.Equal(expected.GetProperty("value").GetRawText(), cvd.GetProperty("value").GetRawText());
            Assert.Equal((anchor, anchor), (Ms(expected, "since"), Ms(cvd, "since")));
        }

        Assert.Equal(0m, rolled.GetProperty("cvd").GetProperty("value").GetDecimal());
        Assert.Empty(Bars(rolled));
        var bar = Assert.Single(Bars(traded));
        Assert.Equal(
            (anchor, 0m, 0m, -0.75m, -0.75m),
            (
                Ms(bar, "minute"),
                bar.GetProperty("open").GetDecimal(),
                bar.GetProperty("high").GetDecimal(),
                bar.GetProperty("low").GetDecimal(),
                bar.GetProperty("close").GetDecimal()
            )
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task A_long_retention_defaults_to_its_smallest_bucket_and_refuses_a_smaller_one()
    {
        // Arrange: 1 day of retention: at most 900 buckets means at least 96 s each.
        await using var rig = await ApiRig.StartAsync(new FlowSettings { Retention = TimeSpan.FromDays(1) });
        rig.Feed.Buy(0, 65000m, 1m);

        // Act
        var series = await rig.GetJsonAsync("series/BTCUSDT");
        var whole = await rig.GetJsonAsync("series/BTCUSDT?bucket=1d");
        var problem = await rig.GetJsonAsync("series/BTCUSDT?bucket=60s", HttpStatusCode.BadRequest);

        // Assert
        Assert.Equal(("96s", 900), (series.GetProperty("bucket").GetString(), Delta(series).Count));
        var only = Assert.Single(Delta(whole));
        Assert.Equal(("86400s", Ms(whole, "time")), (whole.GetProperty("bucket").GetString(), Ms(only, "end")));
        Assert.Equal(
            "bucket '60s' gives more than 900 buckets over the 86400s retention: the smallest bucket is 96s",
            problem.GetProperty("error").GetString()
        );
        Assert.Contains("default 96s", problem.GetProperty("accepted").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Before_any_trade_the_buckets_are_empty_and_uncovered_and_the_cvd_unknown_since()
    {
        // Arrange
        await using var rig = await ApiRig.StartAsync();

        // Act
        var series = await rig.GetJsonAsync("series/BTCUSDT?bucket=300s");

        // Assert
        Assert.True(series.GetProperty("stale").GetBoolean());
        Assert.Equal(JsonValueKind.Null, series.GetProperty("covered_from").ValueKind);
        Assert.Equal(JsonValueKind.Null, series.GetProperty("cvd").GetProperty("since_ms").ValueKind);
        Assert.Equal(3, Delta(series).Count);
        Assert.All(Delta(series), b =>
            Assert.Equal((false, 0L), (b.GetProperty("covered").GetBoolean(), b.GetProperty("trades").GetInt64()))
        );
        Assert.Empty(Bars(series));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(
        "series/XRPUSDT?bucket=5x",
        HttpStatusCode.NotFound,
        "unknown symbol 'XRPUSDT': this bot does not follow it",
        "BTCUSDT"
    )]
    [InlineData(
        "series/BTCUSDT?window=60s",
        HttpStatusCode.BadRequest,
        "unknown parameter 'window'",
        "parameters bucket, bars"
    )]
    [InlineData("series/BTCUSDT?bucket=5x", HttpStatusCode.BadRequest, "bad bucket '5x'", "like 10s, 60s, 5m")]
    [InlineData("series/BTCUSDT?bucket=0s", HttpStatusCode.BadRequest, "bad bucket '0s'", "one duration from 1s")]
    [InlineData(
        "series/BTCUSDT?bucket=20m",
        HttpStatusCode.BadRequest,
        "bucket '20m' is longer than the 900s of trades the bot keeps",
        "to the retention (900s)"
    )]
    [InlineData(
        "series/BTCUSDT?bucket=999ms",
        HttpStatusCode.BadRequest,
        "bucket '999ms' gives more than 900 buckets over the 900s retention: the smallest bucket is 1s",
        "(at most 900 buckets over the retention)"
    )]
    [InlineData("series/BTCUSDT?bucket=30s,60s", HttpStatusCode.BadRequest, "2 buckets asked", "one duration")]
    [InlineData("series/BTCUSDT?bars=0", HttpStatusCode.BadRequest, "bad bars '0'", "a whole number from 1 to 1440")]
    [InlineData("series/BTCUSDT?bars=1441", HttpStatusCode.BadRequest, "bad bars '1441'", "default 120")]
    [InlineData("series/BTCUSDT?bars=1.5", HttpStatusCode.BadRequest, "bad bars '1.5'", "a whole number")]
    [InlineData("series/BTCUSDT?bars=", HttpStatusCode.BadRequest, "bars given twice or empty", "a whole number")]
    [InlineData(
        "serie/BTCUSDT",
        HttpStatusCode.NotFound,
        "no endpoint GET /serie/BTCUSDT",
        "GET /series/{symbol}?bucket=60s&bars=120"
    )]
    public async Task Bad_series_requests_get_a_json_error_naming_what_is_wrong_and_what_is_accepted(
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
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
    }
}

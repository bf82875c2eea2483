using System.Net;
using System.Text.Json;
using MoneyBot.Bots.Tests.Infrastructure;

namespace MoneyBot.Bots.Tests.ExchangeSim;

public sealed class RestApiTests
{
    private static readonly long T0 = TestExchange.Start.ToUnixTimeMilliseconds();

    [Fact(Timeout = 20_000)]
    public async Task Klines_rows_have_binance_shape_and_the_newest_is_the_open_candle()
    {
        await using var host = await TestExchange.StartAsync(Clocks.In2030());
        using var http = host.Http();

        var rows = await http.GetJsonAsync("api/v3/klines?symbol=BTCUSDT&interval=3m&limit=3");

        Assert.Equal(3, rows.GetArrayLength());
        var last = rows[2];
        Assert.Equal(12, last.GetArrayLength());
        Assert.Equal(T0, last[0].GetInt64());
        Assert.Equal(T0 + 180_000 - 1, last[6].GetInt64());
        Assert.Matches(@"^\d+\.\d{8}$", last[1].GetString());
        Assert.Equal("0", last[11].GetString());
        Assert.Equal(T0 - 180_000, rows[1][0].GetInt64());
        var high = decimal.Parse(rows[1][2].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var low = decimal.Parse(rows[1][3].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(high >= low);
    }

    [Fact(Timeout = 20_000)]
    public async Task Klines_honour_start_end_and_limit_and_cap_the_limit()
    {
        await using var host = await TestExchange.StartAsync(Clocks.In2030(), o =>
            o with
            {
                Symbols = ["BTCUSDT"],
                History = TimeSpan.FromHours(26),
                TradesPerSecond = 0.05,
            }
        );
        using var http = host.Http();
        var start = T0 - 3_600_000;

        var window = await http.GetJsonAsync(
            $"api/v3/klines?symbol=BTCUSDT&interval=1m&startTime={start + 1}&endTime={start + 600_000}"
        );
        var limited = await http.GetJsonAsync($"api/v3/klines?symbol=BTCUSDT&interval=1m&startTime={start}&limit=4");
        var capped = await http.GetJsonAsync("api/v3/klines?symbol=btcusdt&interval=1m&limit=5000");
        var cappedFutures = await http.GetJsonAsync("fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=5000");

        Assert.Equal(start + 60_000, window[0][0].GetInt64());
        Assert.Equal(start + 600_000, window[window.GetArrayLength() - 1][0].GetInt64());
        Assert.Equal(4, limited.GetArrayLength());
        Assert.Equal(start, limited[0][0].GetInt64());
        Assert.Equal(1000, capped.GetArrayLength());
        Assert.Equal(1500, cappedFutures.GetArrayLength());
        Assert.Equal(T0, capped[999][0].GetInt64());
    }

    [Fact(Timeout = 20_000)]
    public async Task Futures_print_the_symbol_precision_and_spot_eight_decimals()
    {
        await using var host = await TestExchange.StartAsync(Clocks.In2030());
        using var http = host.Http();

        var futures = await http.GetJsonAsync("fapi/v1/klines?symbol=BTCUSDT&interval=15m&limit=1");
        var spot = await http.GetJsonAsync("api/v3/klines?symbol=BTCUSDT&interval=15m&limit=1");
        var futureTrades = await http.GetJsonAsync("fapi/v1/aggTrades?symbol=ETHUSDT&limit=1");
        var spotTrades = await http.GetJsonAsync("api/v3/aggTrades?symbol=ETHUSDT&limit=1");

        Assert.Matches(@"^\d+\.\d{2}$", futures[0][1].GetString());
        Assert.Equal(
            decimal.Parse(futures[0][4].GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(spot[0][4].GetString()!, System.Globalization.CultureInfo.InvariantCulture)
        );
        Assert.Matches(@"^\d+\.\d{4}$", futureTrades[0].GetProperty("q").GetString());
        Assert.False(futureTrades[0].TryGetProperty("M", out _));
        Assert.True(spotTrades[0].GetProperty("M").GetBoolean());
        Assert.Matches(@"^\d+\.\d{8}$", spotTrades[0].GetProperty("p").GetString());
    }

    [Fact(Timeout = 20_000)]
    public async Task AggTrades_select_by_id_by_time_or_newest_like_binance()
    {
        await using var host = await TestExchange.StartAsync(Clocks.In2030());
        using var http = host.Http();

        var newest = await http.GetJsonAsync("api/v3/aggTrades?symbol=BTCUSDT&limit=5");
        var firstId = newest[0].GetProperty("a").GetInt64();
        var fromId = await http.GetJsonAsync($"api/v3/aggTrades?symbol=BTCUSDT&fromId={firstId - 10}&limit=3");
        var byTime = await http.GetJsonAsync(
            $"api/v3/aggTrades?symbol=BTCUSDT&startTime={T0 - 60_000}&endTime={T0 - 30_000}"
        );
        var tooLong = await http.GetJsonAsync(
            $"api/v3/aggTrades?symbol=BTCUSDT&startTime={T0 - 3_700_000}&endTime={T0}",
            HttpStatusCode.BadRequest
        );

        Assert.Equal(5, newest.GetArrayLength());
        Assert.Equal(host.Markets["BTCUSDT"].LastTradeId, newest[4].GetProperty("a").GetInt64());
        Assert.Equal(
            [firstId - 10, firstId - 9, firstId - 8],
            fromId.EnumerateArray().Select(t => t.GetProperty("a").GetInt64())
        );
        Assert.True(byTime.GetArrayLength() > 10);
        Assert.All(byTime.EnumerateArray(), t =>
            Assert.InRange(t.GetProperty("T").GetInt64(), T0 - 60_000, T0 - 30_000)
        );
        Assert.Equal(-1127, tooLong.GetProperty("code").GetInt32());
    }

    [Theory(Timeout = 20_000)]
    [InlineData("api/v3/klines?interval=1m", -1102)]
    [InlineData("api/v3/klines?symbol=DOGEUSDT&interval=1m", -1121)]
    [InlineData("api/v3/klines?symbol=BTCUSDT&interval=7m", -1120)]
    [InlineData("api/v3/klines?symbol=BTCUSDT&interval=1m&limit=ten", -1100)]
    [InlineData("api/v3/klines?symbol=BTCUSDT&interval=1m&limit=0", -1130)]
    [InlineData("api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=20&endTime=10", -1023)]
    [InlineData("api/v3/aggTrades?symbol=BTCUSDT&fromId=-5", -1100)]
    public async Task Bad_requests_get_binance_error_codes(string path, int code)
    {
        await using var host = await TestExchange.StartAsync(Clocks.In2030(), o => o with { Symbols = ["BTCUSDT"] });
        using var http = host.Http();

        var error = await http.GetJsonAsync(path, HttpStatusCode.BadRequest);

        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("msg").GetString()));
    }

    [Fact(Timeout = 20_000)]
    public async Task Two_exchanges_with_the_same_seed_serve_the_same_bytes()
    {
        await using var first = await TestExchange.StartAsync(Clocks.In2030());
        await using var second = await TestExchange.StartAsync(Clocks.In2030());
        await using var other = await TestExchange.StartAsync(Clocks.In2030(), o => o with { Seed = 8 });
        using var firstHttp = first.Http();
        using var secondHttp = second.Http();
        using var otherHttp = other.Http();
        var path = new Uri("fapi/v1/klines?symbol=ETHUSDT&interval=3m&limit=20", UriKind.Relative);

        var a = await firstHttp.GetStringAsync(path);
        var b = await secondHttp.GetStringAsync(path);
        var c = await otherHttp.GetStringAsync(path);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_restarted_exchange_serves_the_same_past_at_another_speed_and_history()
    {
        var clock = Clocks.In2030();
        await using var first = await TestExchange.StartAsync(clock);
        await first.AdvanceAsync(clock, 50); // 5 minutes of exchange time
        var restartAt = first.Now; // what --clock-file keeps
        await using var second = await TestExchange.StartAsync(Clocks.In2030(), o =>
            o with
            {
                Start = restartAt,
                Speed = 7,
                History = TimeSpan.FromMinutes(97),
            }
        );
        using var firstHttp = first.Http();
        using var secondHttp = second.Http();
        var start = TestExchange.Start.AddMinutes(-45).ToUnixTimeMilliseconds();
        var end = restartAt.ToUnixTimeMilliseconds() - 1;
        string[] paths =
        [
            $"api/v3/klines?symbol=BTCUSDT&interval=1m&startTime={start}&endTime={end}&limit=1000",
            $"fapi/v1/klines?symbol=ETHUSDT&interval=3m&startTime={start}&endTime={end}&limit=1000",
            $"api/v3/aggTrades?symbol=BTCUSDT&startTime={start}&endTime={start + 600_000}&limit=1000",
            $"api/v3/aggTrades?symbol=BTCUSDT&startTime={end - 60_000}&endTime={end}&limit=1000",
        ];

        foreach (var path in paths)
        {
            var uri = new Uri(path, UriKind.Relative);
            Assert.Equal(await firstHttp.GetStringAsync(uri), await secondHttp.GetStringAsync(uri));
        }
    }
}

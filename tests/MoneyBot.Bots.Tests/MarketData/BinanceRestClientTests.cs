using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.MarketData;
using MoneyBot.MarketData.Rest;

namespace MoneyBot.Bots.Tests.MarketData;

public sealed class BinanceRestClientTests : IAsyncLifetime, IDisposable
{
    private readonly CountingHandler _handler = new();
    private SimulatedExchangeHost _exchange = null!;
    private HttpClient _http = null!;
    private BinanceRestClient _client = null!;

    public async Task InitializeAsync()
    {
        _exchange = await Exchange.StartAsync(history: TimeSpan.FromHours(42), tradesPerSecond: 0.2);
        _http = new HttpClient(_handler);
        _client = new BinanceRestClient(_http, _exchange.Endpoints());
    }

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }

    [Theory(Timeout = 30_000)]
    [InlineData(Market.Spot, "/api/v3/klines")]
    [InlineData(Market.UsdFutures, "/fapi/v1/klines")]
    public async Task Klines_are_read_from_rows_with_exact_decimals(Market market, string path)
    {
        var result = await _client.GetKlinesAsync(market, Exchange.Symbol, Exchange.Interval, limit: 5);

        Assert.True(result.Ok, result.Description);
        Assert.Equal(path, _handler.Requests[^1].AbsolutePath);
        var klines = result.Value;
        Assert.Equal(5, klines.Count);
        var truth = _exchange.Truth(klines[0].OpenTime, klines[^1].OpenTime);
        for (var i = 0; i < 4; i++) // the newest may still be open: the market moves on between the two reads
        {
            Assert.Equal(truth[i].OpenTime, klines[i].OpenTime.ToUnixTimeMilliseconds());
            Assert.Equal(truth[i].CloseTime, klines[i].CloseTime.ToUnixTimeMilliseconds());
            Assert.Equal(
                (truth[i].Open, truth[i].High, truth[i].Low, truth[i].Close),
                (klines[i].Open, klines[i].High, klines[i].Low, klines[i].Close)
            );
            Assert.Equal((truth[i].Volume, (long)truth[i].TradeCount), (klines[i].Volume, klines[i].TradeCount));
            Assert.Equal(("BTCUSDT", "1m"), (klines[i].Symbol, klines[i].Interval));
        }

        // Every row but the newest is followed by a later one, so it is known closed; the newest may be forming.
        Assert.All(klines.Take(4), k => Assert.True(k.IsClosed));
        Assert.False(klines[^1].IsClosed);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_kline_answer_with_every_field_is_read_from_its_fixture()
    {
        using var canned = new HttpClient(
            new CannedHandler(
                System.Net.HttpStatusCode.OK,
                System.Text.Encoding.UTF8.GetString(Fixture.Bytes("klines_rest.json"))
            )
        );
        var offline = new BinanceRestClient(canned);

        var result = await offline.GetKlinesAsync(Market.Spot, "btcusdt", KlineInterval.ThreeMinutes);

        Assert.True(result.Ok, result.Description);
        var first = result.Value[0];
        Assert.Equal(
            (91234.5m, 91301m, 91200m, 91250.1m, 123.456m),
            (first.Open, first.High, first.Low, first.Close, first.Volume)
        );
        Assert.Equal(
            (11262000.12345678m, 5433L, 60.0001m, 5475000.00000001m),
            (first.QuoteVolume, first.TradeCount, first.TakerBuyBaseVolume, first.TakerBuyQuoteVolume)
        );
        Assert.Equal(
            ("BTCUSDT", "3m", true, false),
            (first.Symbol, first.Interval, first.IsClosed, result.Value[1].IsClosed)
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task Aggregate_trades_from_an_id_run_consecutively_and_match_the_exchange()
    {
        var latest = await _client.GetAggTradesAsync(Market.Spot, Exchange.Symbol, limit: 20);
        Assert.True(latest.Ok, latest.Description);
        var fromId = latest.Value[0].AggregateTradeId;

        var result = await _client.GetAggTradesAsync(Market.UsdFutures, Exchange.Symbol, fromId: fromId, limit: 10);

        Assert.True(result.Ok, result.Description);
        Assert.Contains("fromId=" + fromId, _handler.Requests[^1].Query, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => fromId + i), result.Value.Select(t => t.AggregateTradeId));
        var truth = _exchange.Markets[Exchange.Symbol].GetAggTrades(fromId, null, null, 10);
        Assert.Equal(
            truth.Select(t => (t.Price, t.Quantity, t.Time, t.IsBuyerMaker, t.FirstTradeId)),
            result.Value.Select(t =>
                (t.Price, t.Quantity, t.TradeTime.ToUnixTimeMilliseconds(), t.BuyerIsMaker, t.FirstTradeId)
            )
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task Aggregate_trades_are_read_from_their_fixture()
    {
        using var canned = new HttpClient(
            new CannedHandler(
                System.Net.HttpStatusCode.OK,
                System.Text.Encoding.UTF8.GetString(Fixture.Bytes("aggtrades_rest.json"))
            )
        );
        var offline = new BinanceRestClient(canned);

        var result = await offline.GetAggTradesAsync(
            Market.Spot,
            "BTCUSDT",
            startTime: DateTimeOffset.FromUnixTimeMilliseconds(1),
            endTime: DateTimeOffset.FromUnixTimeMilliseconds(2)
        );

        Assert.True(result.Ok, result.Description);
        Assert.Equal([3012345678L, 3012345679L], result.Value.Select(t => t.AggregateTradeId));
        Assert.Equal(
            (91250.2m, 1m, false),
            (result.Value[1].Price, result.Value[1].Quantity, result.Value[1].BuyerIsMaker)
        );
    }

    [Fact(Timeout = 60_000)]
    public async Task All_closed_klines_of_a_long_range_come_in_pages_without_gaps_or_repeats()
    {
        var newest = Exchange.Interval.OpenTimeOf(_exchange.ProcessedUntil);
        var from = newest - TimeSpan.FromMinutes(2400);
        var to = newest - TimeSpan.FromMinutes(10);

        var result = await _client.GetClosedKlinesAsync(Market.Spot, Exchange.Symbol, Exchange.Interval, from, to);

        Assert.True(result.Ok, result.Description);
        var klines = result.Value;
        Assert.Equal(2390, klines.Count);
        Assert.Equal(from, klines[0].OpenTime);
        Assert.Equal(to - Exchange.Interval.Duration, klines[^1].OpenTime);
        Assert.All(klines.Zip(klines.Skip(1)), pair =>
            Assert.Equal(pair.First.OpenTime + Exchange.Interval.Duration, pair.Second.OpenTime)
        );
        Assert.All(klines, k => Assert.True(k.IsClosed));
        Assert.Equal(3, _handler.Requests.Count(u => u.AbsolutePath == "/api/v3/klines"));
        Assert.Contains("limit=1000", _handler.Requests[^1].Query, StringComparison.Ordinal);
        var truth = _exchange.Truth(klines[1000].OpenTime, klines[1000].OpenTime)[0];
        Assert.Equal((truth.Open, truth.Close), (klines[1000].Open, klines[1000].Close));
    }

    [Fact(Timeout = 30_000)]
    public async Task Closed_klines_up_to_the_present_leave_out_the_forming_one()
    {
        var newest = Exchange.Interval.OpenTimeOf(_exchange.ProcessedUntil);
        var from = newest - TimeSpan.FromMinutes(30);

        var result = await _client.GetClosedKlinesAsync(Market.UsdFutures, Exchange.Symbol, Exchange.Interval, from);

        Assert.True(result.Ok, result.Description);
        var forming = Exchange.Interval.OpenTimeOf(_exchange.ProcessedUntil);
        Assert.True(
            result.Value[^1].OpenTime < forming,
            $"{result.Value[^1].OpenTime:O} is not before the forming kline {forming:O}"
        );
        Assert.True(result.Value.Count >= 30);
        Assert.All(result.Value.Zip(result.Value.Skip(1)), pair =>
            Assert.Equal(pair.First.OpenTime + Exchange.Interval.Duration, pair.Second.OpenTime)
        );
    }
}

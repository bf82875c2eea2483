using System.Net;
using System.Net.Http.Headers;
using MoneyBot.MarketData;
using MoneyBot.MarketData.Rest;

namespace MoneyBot.Bots.Tests.MarketData;

public sealed class BinanceRestClientFailureTests
{
    [Fact(Timeout = 30_000)]
    public async Task An_api_error_is_a_result_with_binance_code_and_message()
    {
        await using var exchange = await Exchange.StartAsync();
        using var http = new HttpClient();
        var client = new BinanceRestClient(http, exchange.Endpoints());

        var result = await client.GetKlinesAsync(Market.Spot, "NOPEUSDT", Exchange.Interval);

        Assert.Equal((RestFailure.Api, 400, -1121), (result.Failure, result.HttpStatus, result.ErrorCode));
        Assert.Contains("Invalid symbol", result.Description, StringComparison.Ordinal);
        Assert.False(result.IsTransient);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_refusing_exchange_is_a_transient_result()
    {
        await using var exchange = await Exchange.StartAsync();
        using var http = new HttpClient();
        var client = new BinanceRestClient(http, exchange.Endpoints());
        exchange.Refuse(TimeSpan.FromMinutes(1));

        var result = await client.GetAggTradesAsync(Market.Spot, Exchange.Symbol);

        Assert.Equal((RestFailure.Api, 503), (result.Failure, result.HttpStatus));
        Assert.True(result.IsTransient);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_closed_port_is_a_network_error_result()
    {
        using var port = new System.Net.Sockets.Socket(
            System.Net.Sockets.AddressFamily.InterNetwork,
            System.Net.Sockets.SocketType.Stream,
            System.Net.Sockets.ProtocolType.Tcp
        );
        port.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)port.LocalEndPoint!).Port}");
        using var http = new HttpClient();
        var client = new BinanceRestClient(http, MarketDataEndpoints.Binance with { SpotRest = url });

        var result = await client.GetKlinesAsync(Market.Spot, Exchange.Symbol, Exchange.Interval);

        Assert.Equal(RestFailure.Network, result.Failure);
        Assert.Contains("refused", result.Description, StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_silent_server_is_a_timeout_result()
    {
        await using var server = new HangingServer();
        using var http = new HttpClient();
        var client = new BinanceRestClient(http, MarketDataEndpoints.Binance with { FuturesRest = server.HttpUrl })
        {
            RequestTimeout = TimeSpan.FromMilliseconds(300),
        };

        var result = await client.GetKlinesAsync(Market.UsdFutures, Exchange.Symbol, Exchange.Interval);

        Assert.Equal(RestFailure.Timeout, result.Failure);
        Assert.Contains("0.3s", result.Description, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_rate_limit_carries_retry_after()
    {
        using var http = new HttpClient(
            new CannedHandler(HttpStatusCode.TooManyRequests, """{"code":-1003,"msg":"Too many requests."}""", r =>
                r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7))
            )
        );
        var client = new BinanceRestClient(http);

        var result = await client.GetKlinesAsync(Market.Spot, Exchange.Symbol, Exchange.Interval);

        Assert.Equal((RestFailure.RateLimited, 429, -1003), (result.Failure, result.HttpStatus, result.ErrorCode));
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
        Assert.True(result.IsTransient);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("<html>oops</html>")]
    [InlineData("""[[1763683200000,"1","2","0.5"]]""")]
    [InlineData(
        """[[1763683200000,"1","2","0.5","1.5","10",1763683379999],"""
            + """[1763683100000,"1","2","0.5","1.5","10",1763683279999]]"""
    )]
    [InlineData("""{"klines":[]}""")]
    public async Task An_unreadable_success_answer_is_an_invalid_response_with_an_excerpt(string body)
    {
        using var http = new HttpClient(new CannedHandler(HttpStatusCode.OK, body));
        var client = new BinanceRestClient(http);

        var result = await client.GetKlinesAsync(Market.Spot, Exchange.Symbol, Exchange.Interval);

        Assert.Equal(RestFailure.InvalidResponse, result.Failure);
        Assert.Contains(body[..Math.Min(body.Length, 10)], result.Description, StringComparison.Ordinal);
    }
}

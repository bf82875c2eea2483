using System.Net;
using System.Text.Json;
using MoneyBot.Bots.Tests.OrderFlow.Conditions;
using MoneyBot.MarketData.Streams;
using MoneyBot.OrderFlow.Api;
using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.Bots.Tests.OrderFlow.Api;

/// <summary>The API on a real loopback socket (port 0) over a hand-fed <see cref="BoardRig"/>, with a client.</summary>
internal sealed class ApiRig : IAsyncDisposable
{
    private ApiRig(BoardRig feed, OrderFlowApiHost host, List<StreamReport> streams)
    {
        Feed = feed;
        Host = host;
        Streams = streams;
        Http = new HttpClient { BaseAddress = host.BaseUrl };
    }

    public BoardRig Feed { get; }

    public OrderFlowApiHost Host { get; }

    /// <summary>What the host reports as the bot's websocket connections; change it between requests.</summary>
    public List<StreamReport> Streams { get; }

    public HttpClient Http { get; }

    public static Task<ApiRig> StartAsync(params string[] symbols) => StartAsync(null, symbols);

    /// <summary>The API over a board with <paramref name="settings"/> (the defaults when null).</summary>
    public static async Task<ApiRig> StartAsync(FlowSettings? settings, params string[] symbols)
    {
        var feed = new BoardRig(settings, symbols);
        var streams = new List<StreamReport>
        {
            new(
                "trades",
                new Uri("ws://127.0.0.1:8090/stream?streams=btcusdt@aggTrade"),
                new StreamStatus
                {
                    State = StreamState.Connected,
                    Reconnects = 2,
                    Messages = 10,
                }
            ),
        };
        var options = new OrderFlowApiOptions
        {
            ListenUrl = new Uri("http://127.0.0.1:0"),
            TimeProvider = feed.Clock,
            StartedAt = feed.Clock.GetUtcNow(),
        };
        var host = await OrderFlowApiHost.StartAsync(options, feed.Board, () => [.. streams]);
        return new ApiRig(feed, host, streams);
    }

    /// <summary>GETs <paramref name="path"/>, checks the status, and returns the JSON.</summary>
    public async Task<JsonElement> GetJsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}

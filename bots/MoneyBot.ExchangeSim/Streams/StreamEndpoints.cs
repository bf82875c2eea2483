using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.ExchangeSim.Market;

namespace MoneyBot.ExchangeSim.Streams;

/// <summary>
/// The websocket endpoints: raw <c>/ws/&lt;stream&gt;[/&lt;stream&gt;..]</c> (also bare <c>/ws</c>
/// to subscribe later) and combined <c>/stream?streams=a/b</c> in spot forms, and the same under <c>/fapi</c>
/// in USD-M futures forms. Unknown streams are refused with 400 (Binance would accept them silently; a
/// simulator should say what is wrong).
/// </summary>
internal sealed class StreamEndpoints(
    SimulatedMarkets markets,
    StreamBroadcaster broadcaster,
    ClientRequests requests,
    SimulatorOptions options,
    ILogger logger,
    CancellationToken stopping
)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        Map(routes, string.Empty, StreamMarket.Spot);
        Map(routes, "/fapi", StreamMarket.UsdFutures);
    }

    private void Map(IEndpointRouteBuilder routes, string prefix, StreamMarket market)
    {
        routes.Map(prefix + "/ws", context => AcceptAsync(context, market, combined: false, string.Empty));
        routes.Map(prefix + "/ws/{**streams}", context =>
            AcceptAsync(context, market, combined: false, context.GetRouteValue("streams") as string ?? string.Empty)
        );
        routes.Map(prefix + "/stream", context =>
            AcceptAsync(context, market, combined: true, context.Request.Query["streams"].ToString())
        );
    }

    private async Task AcceptAsync(HttpContext context, StreamMarket market, bool combined, string streamList)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This endpoint speaks websocket only.", context.RequestAborted);
            return;
        }

        var names = new List<string>();
        foreach (var text in streamList.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!StreamName.TryParse(text, markets, market, out var name, out var error))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync(error, context.RequestAborted);
                return;
            }

            names.Add(name.Text);
        }

        using var connection = broadcaster.Open(market, combined, names);
        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync(
                new WebSocketAcceptContext
                {
                    KeepAliveInterval = options.PingInterval,
                    KeepAliveTimeout = options.PongTimeout,
                }
            );
            var kind = (market, combined) switch
            {
                (StreamMarket.Spot, false) => "raw",
                (StreamMarket.Spot, true) => "combined",
                (_, false) => "futures raw",
                (_, true) => "futures combined",
            };
            logger.ConnectionOpened(connection.Id, kind, string.Join(",", names));
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, context.RequestAborted);
            await connection.RunAsync(socket, requests.Handle, linked.Token);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            // The upgrade failed or the client vanished during it: nothing to serve.
        }
        finally
        {
            broadcaster.Remove(connection);
            logger.ConnectionClosed(connection.Id);
        }
    }
}

using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MoneyBot.Common.Hosting;
using MoneyBot.MarketData;

namespace MoneyBot.Bots.Tests.OrderFlow.Live;

/// <summary>
/// A websocket server on loopback (Kestrel) that accepts any stream path and sends exactly the frames a test gives
/// it, byte for byte: for frames the simulated exchange never sends. It has no REST API (a bot on it runs without
/// warm-up, and a backfill would fail).
/// </summary>
internal sealed class ScriptedStreamServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;

    private ScriptedStreamServer() { }

    /// <summary>Every websocket connection accepted, in order.</summary>
    public Collector<Connection> Connections { get; } = Collector.Manual<Connection>();

    /// <summary>Endpoints whose websocket bases are this server (REST too, which answers 404).</summary>
    public MarketDataEndpoints Endpoints { get; private set; } = null!;

    public static async Task<ScriptedStreamServer> StartAsync()
    {
        var server = new ScriptedStreamServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<IHostLifetime, InProcessLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = new Uri(
            app.Services.GetRequiredService<IServer>()
                .Features.GetRequiredFeature<IServerAddressesFeature>()
                .Addresses.First()
        );
        var ws = new UriBuilder(address) { Scheme = "ws" }.Uri;
        server._app = app;
        server.Endpoints = new MarketDataEndpoints(address, address, ws, ws);
        return server;
    }

    /// <summary>The first connection whose path and query contain <paramref name="text"/>, waiting for it.</summary>
    public Task<Connection> ConnectionToAsync(string text) =>
        Connections.WaitForAsync(c => c.Target.Contains(text, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(bound.Token);
            await _app.DisposeAsync();
        }

        await Connections.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new Connection(context.Request.Path + context.Request.QueryString, socket);
        Connections.Add(connection);
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, context.RequestAborted);
        var buffer = new byte[1024];
        try
        {
            // Until the client closes or the server stops; what the client sends does not matter.
            while ((await socket.ReceiveAsync(buffer, ending.Token)).MessageType != WebSocketMessageType.Close) { }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
            // The client went away, or the server stops.
        }
        finally
        {
            connection.Closed.TrySetResult();
        }
    }

    /// <summary>One client connection.</summary>
    internal sealed class Connection(string target, WebSocket socket)
    {
        /// <summary>The path and query the client asked for (<c>/ws/btcusdt@aggTrade</c>).</summary>
        public string Target { get; } = target;

        /// <summary>Completes when the connection ends.</summary>
        public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Sends each of <paramref name="frames"/> as one text frame, in order (one call at a time).</summary>
        public async Task SendAsync(params string[] frames)
        {
            foreach (var frame in frames)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, default);
            }
        }
    }
}

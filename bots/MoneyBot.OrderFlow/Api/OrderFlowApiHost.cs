using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MoneyBot.Common.Hosting;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.OrderFlow.Api;

/// <summary>
/// The order-flow bot's read-only HTTP API (Kestrel on loopback, spec section 5): <c>GET /status</c>,
/// <c>GET /metrics</c> (Prometheus text), <c>GET /metrics/{symbol}?window=300s</c>,
/// <c>GET /conditions/{symbol}?window=300s&amp;price=P&amp;tolerance=T&amp;name=N</c> and
/// <c>GET /series/{symbol}?bucket=60s&amp;bars=120</c>, all JSON but the Prometheus text. Start it with
/// <see cref="StartAsync"/>; dispose it to stop.
/// </summary>
public sealed class OrderFlowApiHost : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);
    private readonly WebApplication _app;
    private readonly ILogger _logger;
    private int _disposed;

    private OrderFlowApiHost(WebApplication app, DateTimeOffset startedAt, ILogger logger)
    {
        _app = app;
        _logger = logger;
        StartedAt = startedAt;
        var address = app
            .Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        BaseUrl = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Where it listens, with the port actually bound, e.g. <c>http://127.0.0.1:8091/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The bot's start as reported by <c>/status</c>.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Binds the listener and starts answering.</summary>
    /// <param name="options">Listen URL (loopback only; port 0 picks a free one), start time, clock.</param>
    /// <param name="board">The metrics to serve.</param>
    /// <param name="streams">The websocket connections now, for <c>/status</c> and <c>/metrics</c>; called once per
    /// request.</param>
    /// <param name="loggers">Where the host and Kestrel log; none when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentException">The listen URL is not http on loopback without a path (the message says
    /// so).</exception>
    /// <exception cref="IOException">The address cannot be bound (for example, the port is in use).</exception>
    public static async Task<OrderFlowApiHost> StartAsync(
        OrderFlowApiOptions options,
        FlowBoard board,
        Func<IReadOnlyList<StreamReport>> streams,
        ILoggerFactory? loggers = null,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(streams);
        options.Validate();
        var startedAt = options.StartedAt ?? options.TimeProvider.GetUtcNow();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(options.ListenAddress, options.ListenUrl.Port));
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        // not disposed by the container: the caller owns it
        builder.Services.AddSingleton(loggers ?? NullLoggerFactory.Instance);
        builder.Services.AddSingleton<IHostLifetime, InProcessLifetime>();
        var app = builder.Build();
        new ApiEndpoints(board, streams, options.TimeProvider, startedAt).Map(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger("MoneyBot.OrderFlow.Api");
        var host = new OrderFlowApiHost(app, startedAt, logger);
        logger.Listening(host.BaseUrl);
        return host;
    }

    /// <summary>Stops listening (requests in flight get 2 s) and releases the listener. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        using (var grace = new CancellationTokenSource(StopGrace))
        {
            await _app.StopAsync(grace.Token);
        }

        await _app.DisposeAsync();
        _logger.Stopped();
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MoneyBot.Common.Hosting;
using MoneyBot.Dashboard.Catalog;
using MoneyBot.Dashboard.Cli;
using MoneyBot.Dashboard.Sources;

namespace MoneyBot.Dashboard.Web;

/// <summary>
/// The dashboard's web server (Kestrel) with its live feed. Start with <see cref="StartAsync"/>; dispose to stop.
/// </summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly Task _feed;
    private readonly HttpClient _http;
    private readonly LiveFeed _feedOwner;

    private DashboardHost(
        WebApplication app,
        CancellationTokenSource stopping,
        LiveFeed feedOwner,
        Task feed,
        HttpClient http
    )
    {
        _feedOwner = feedOwner;
        _app = app;
        _stopping = stopping;
        _feed = feed;
        _http = http;
        var address = app
            .Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        BaseUrl = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Where it listens, with the port actually bound.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Binds the listener and starts answering.</summary>
    /// <exception cref="IOException">The address cannot be bound (the port is in use, ...).</exception>
    public static async Task<DashboardHost> StartAsync(
        DashboardOptions options,
        string? token,
        BotCatalog catalog,
        ILoggerFactory loggers,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(options.ListenAddress, options.Url.Port));
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, InProcessLifetime>();
        var app = builder.Build();

        var stopping = new CancellationTokenSource();
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var supervisor = new SupervisorSource(catalog.SocketPath);
        var orderFlow = new OrderFlowSource(http);
        var guard = new AccessGuard(token, options.IsLoopback);
        var feed = new LiveFeed(
            catalog,
            supervisor,
            orderFlow,
            options.Refresh,
            guard.Csrf,
            loggers.CreateLogger("MoneyBot.Dashboard.Feed")
        );
        app.Use(guard.InvokeAsync);
        app.UseRouting();
        new DashboardEndpoints(
            catalog,
            supervisor,
            orderFlow,
            new CandleSource(http),
            feed,
            new StaticAssets(guard.Csrf),
            stopping.Token
        ).Map(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            http.Dispose();
            stopping.Dispose();
            feed.Dispose();
            throw;
        }

        return new DashboardHost(
            app,
            stopping,
            feed,
            Task.Run(() => feed.RunAsync(stopping.Token), CancellationToken.None),
            http
        );
    }

    /// <summary>Ends the event streams, stops listening (2 s for requests in flight) and releases everything.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _app.StopAsync(grace.Token);
        }

        await _feed.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _app.DisposeAsync();
        _http.Dispose();
        _stopping.Dispose();
        _feedOwner.Dispose();
    }
}

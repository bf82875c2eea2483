using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MoneyBot.Bots.Tests.MarketData;

namespace MoneyBot.Bots.Tests.ExtGap.Live;

/// <summary>A message the fake received through sendMessage.</summary>
public sealed record SentMessage(string Token, string ChatId, string Text, string? ParseMode);

/// <summary>
/// The smallest Telegram Bot API fake the bot needs (Kestrel on loopback): sendMessage is recorded and
/// answered like Telegram would; any other method answers ok. Logs nothing, handles no signal.
/// </summary>
public sealed class FakeTelegram : IAsyncDisposable
{
    private readonly WebApplication app;
    private long nextMessageId = 100;

    private FakeTelegram(WebApplication app) => this.app = app;

    /// <summary>The API URL to give the bot (TELEGRAM_API_URL).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every sendMessage, in arrival order.</summary>
    public Collector<SentMessage> Messages { get; } = Collector.Manual<SentMessage>();

    public static async Task<FakeTelegram> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<IHostLifetime, NoLifetime>(); // no SIGTERM handler in the test process
        var app = builder.Build();
        var fake = new FakeTelegram(app);
        app.MapPost("/bot{token}/{method}", fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(bound.Token);
        await app.DisposeAsync();
        await Messages.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var token = (string)http.GetRouteValue("token")!;
        var method = (string)http.GetRouteValue("method")!;
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        JsonNode? result = true;
        if (method == "sendMessage")
        {
            var root = body.RootElement;
            var chat = root.GetProperty("chat_id");
            var chatId = chat.ValueKind == JsonValueKind.String ? chat.GetString()! : chat.GetRawText();
            var text = root.GetProperty("text").GetString()!;
            Messages.Add(new SentMessage(token, chatId, text, root.TryGetProperty("parse_mode", out var mode) ? mode.GetString() : null));
            result = new JsonObject
            {
                ["message_id"] = Interlocked.Increment(ref nextMessageId),
                ["chat"] = new JsonObject { ["id"] = long.TryParse(chatId, out var id) ? id : 1, ["type"] = "private" },
                ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["text"] = text,
            };
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString());
    }

    private sealed class NoLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MoneyBot.Dashboard.Catalog;
using MoneyBot.Dashboard.ExtGap;
using MoneyBot.Dashboard.Sources;
using MoneyBot.MarketData;

namespace MoneyBot.Dashboard.Web;

/// <summary>
/// The dashboard's routes: the page and its files, <c>GET /events</c> (server-sent events), the JSON behind each
/// page, and <c>POST /api/programs/{name}/{start|stop|restart}</c>.
/// </summary>
internal sealed class DashboardEndpoints(
    BotCatalog catalog,
    SupervisorSource supervisor,
    OrderFlowSource orderFlow,
    CandleSource candles,
    LiveFeed feed,
    StaticAssets assets,
    CancellationToken stopping
)
{
    private const string Json = "application/json; charset=utf-8";

    /// <summary>Buckets the order-flow page offers for its delta histogram.</summary>
    public static readonly IReadOnlyList<string> Buckets = ["30s", "60s", "300s"];

    private readonly ExtGapViewBuilder _extGap = new(candles);

    public void Map(IEndpointRouteBuilder routes)
    {
        foreach (var path in assets.Paths)
        {
            routes.MapGet(path, context => assets.WriteAsync(context, path));
        }

        routes.MapGet("/events", context => feed.ServeAsync(context, stopping));
        routes.MapGet("/api/catalog", CatalogAsync);
        routes.MapGet("/api/programs", ProgramsAsync);
        routes.MapPost("/api/programs/{name}/{action}", ActAsync);
        routes.MapGet("/api/extgap/{name}", ExtGapAsync);
        routes.MapGet("/api/orderflow/{symbol}", OrderFlowAsync);
        routes.MapFallback(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync($"no page {context.Request.Method} {context.Request.Path}\n");
        });
    }

    private Task CatalogAsync(HttpContext context) =>
        WriteAsync(
            context,
            200,
            JsonSerializer.Serialize(
                new CatalogView(
                    catalog.ConfigPath,
                    catalog.Programs,
                    [.. catalog.ExtGap.Select(b => new ExtGapEntry(b.Program, b.Symbol, b.Timeframe))],
                    [.. catalog.OrderFlow.SelectMany(b => b.Symbols.Select(s => new OrderFlowEntry(b.Program, s)))]
                ),
                DashboardJson.Default.CatalogView
            )
        );

    private async Task ProgramsAsync(HttpContext context)
    {
        var snapshot = await supervisor.StatusAsync(context.RequestAborted);
        await WriteAsync(
            context,
            200,
            JsonSerializer.Serialize(ProgramsEvent.From(snapshot), DashboardJson.Default.ProgramsEvent)
        );
    }

    private async Task ActAsync(HttpContext context)
    {
        var name = (string)context.Request.RouteValues["name"]!;
        var verb = (string)context.Request.RouteValues["action"]!;
        ProgramAction? action = verb switch
        {
            "start" => ProgramAction.Start,
            "stop" => ProgramAction.Stop,
            "restart" => ProgramAction.Restart,
            _ => null,
        };
        if (action is null)
        {
            await AnswerAsync(context, 404, new ActionAnswer(false, $"no action '{verb}': start, stop or restart"));
            return;
        }

        // Any program the daemon has (a reload may have added some since this dashboard started): the daemon judges.
        // Not the page's cancellation: a restart asked for goes through even if the page is closed meanwhile.
        var outcome = await supervisor.ActAsync(action.Value, name, stopping);
        var status = outcome switch
        {
            { Ok: true } => 200,
            { NoDaemon: true } => 503,
            { Usage: true } => 404,
            _ => 409,
        };
        await AnswerAsync(context, status, new ActionAnswer(outcome.Ok, outcome.Message));
    }

    private async Task ExtGapAsync(HttpContext context)
    {
        var name = (string)context.Request.RouteValues["name"]!;
        if (catalog.FindExtGap(name) is not { } bot)
        {
            await AnswerAsync(
                context,
                404,
                new ActionAnswer(false, $"no ext-gap bot '{name}' in {catalog.ConfigPath}")
            );
            return;
        }

        var view = await _extGap.BuildAsync(bot, context.RequestAborted);
        await WriteAsync(context, 200, JsonSerializer.Serialize(view, DashboardJson.Default.ExtGapView));
    }

    private async Task OrderFlowAsync(HttpContext context)
    {
        var symbol = (string)context.Request.RouteValues["symbol"]!;
        if (catalog.FindSymbol(symbol) is not var (bot, upper))
        {
            await AnswerAsync(context, 404, new ActionAnswer(false, $"no order-flow bot follows '{symbol}'"));
            return;
        }

        var bucket = context.Request.Query["bucket"].ToString() is { Length: > 0 } b ? b : "60s";
        if (!Buckets.Contains(bucket))
        {
            await AnswerAsync(
                context,
                400,
                new ActionAnswer(false, $"bucket '{bucket}': one of {string.Join(", ", Buckets)}")
            );
            return;
        }

        var cancel = context.RequestAborted;
        var metrics = orderFlow.GetAsync(bot.ApiUrl, $"metrics/{upper}?window={bucket}", cancel);
        var series = orderFlow.GetAsync(bot.ApiUrl, $"series/{upper}?bucket={bucket}&bars=120", cancel);
        var bars = candles.GetAsync(bot.RestUrl, bot.Market, upper, KlineInterval.OneMinute, 120, cancel);
        await Task.WhenAll(metrics, series, bars);
        var (klines, candlesError) = await bars;
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("program", bot.Program);
            json.WriteString("symbol", upper);
            json.WriteString("bucket", bucket);
            WriteAnswer(json, "metrics", await metrics);
            WriteAnswer(json, "series", await series);
            json.WritePropertyName("candles");
            json.WriteRawValue(
                JsonSerializer.Serialize(
                    (IReadOnlyList<CandleView>)
                        [
                            .. klines.Select(k => new CandleView(
                                k.OpenTime.ToUnixTimeSeconds(),
                                k.Open,
                                k.High,
                                k.Low,
                                k.Close,
                                k.IsClosed
                            )),
                        ],
                    DashboardJson.Default.IReadOnlyListCandleView
                )
            );
            json.WriteString("candles_error", candlesError);
            json.WriteEndObject();
        }

        await WriteAsync(context, 200, Encoding.UTF8.GetString(body.ToArray()));
    }

    private static void WriteAnswer(Utf8JsonWriter json, string name, ApiAnswer answer)
    {
        json.WritePropertyName(name);
        if (answer.Json is { } raw)
        {
            json.WriteRawValue(raw);
        }
        else
        {
            json.WriteNullValue();
        }

        json.WriteString(name + "_error", answer.Error);
    }

    private static Task AnswerAsync(HttpContext context, int status, ActionAnswer answer) =>
        WriteAsync(context, status, JsonSerializer.Serialize(answer, DashboardJson.Default.ActionAnswer));

    private static Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = Json;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }
}

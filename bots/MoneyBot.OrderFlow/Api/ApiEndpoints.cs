using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MoneyBot.OrderFlow.Conditions;
using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.OrderFlow.Api;

/// <summary>
/// The read-only endpoints: <c>GET /status</c>, <c>GET /metrics</c> (Prometheus), <c>GET /metrics/{symbol}</c>,
/// <c>GET /conditions/{symbol}</c>, <c>GET /series/{symbol}</c>. Each symbol is read once under its lock; the body is
/// written after.
/// </summary>
internal sealed class ApiEndpoints(
    FlowBoard board,
    Func<IReadOnlyList<StreamReport>> streams,
    TimeProvider time,
    DateTimeOffset startedAt
)
{
    /// <summary>What exists, for the 404 of an unknown path.</summary>
    public const string Endpoints =
        "GET /status, GET /metrics (Prometheus), GET /metrics/{symbol}?window=300s, GET "
        + "/conditions/{symbol}?window=300s&price=P&tolerance=T&name=N, GET /series/{symbol}?bucket=60s&bars=120";

    private const string Json = "application/json; charset=utf-8";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/status", StatusAsync);
        routes.MapGet("/metrics", PrometheusAsync);
        routes.MapGet("/metrics/{symbol}", MetricsAsync);
        routes.MapGet("/conditions/{symbol}", ConditionsAsync);
        routes.MapGet("/series/{symbol}", SeriesAsync);
        routes.MapFallback("{*path}", context =>
            WriteAsync(
                context,
                ApiProblem.NotFound($"no endpoint {context.Request.Method} {context.Request.Path}", Endpoints)
            )
        );
    }

    private Task StatusAsync(HttpContext context)
    {
        var query = new ApiQuery(context, board);
        return query.OnlyParameters() is { } problem
            ? WriteAsync(context, problem)
            : WriteAsync(
                context,
                StatusJson.Write(View([.. board.Symbols.Select(s => board.Read(s, SymbolHealth.Read))]))
            );
    }

    private Task PrometheusAsync(HttpContext context)
    {
        // One read per symbol: its health and its figures come from the same moment.
        var reads = board
            .Symbols.Select(s =>
                board.Read(s, static (flow, status) =>
                    (Health: SymbolHealth.Read(flow, status), Snapshot: flow.Snapshot(status.NowMs))
                )
            )
            .ToList();
        var view = View([.. reads.Select(r => r.Health)]);
        context.Response.ContentType = PrometheusText.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(
            PrometheusText.Write(view, [.. reads.Select(r => r.Snapshot)]),
            context.RequestAborted
        );
    }

    private Task MetricsAsync(HttpContext context)
    {
        var query = new ApiQuery(context, board);
        var (symbol, windows) = (string.Empty, FlowSettings.StandardWindows);
        if (
            (
                query.OnlyParameters("window")
                ?? query.Symbol(out symbol)
                ?? query.Windows(FlowSettings.StandardWindows, int.MaxValue, out windows)
            ) is
            { } problem
        )
        {
            return WriteAsync(context, problem);
        }

        var (snapshot, status) = board.Read(symbol, (flow, status) => (flow.Snapshot(status.NowMs, windows), status));
        return WriteAsync(context, MetricsJson.Write(snapshot, status, board.Settings));
    }

    private Task ConditionsAsync(HttpContext context)
    {
        var query = new ApiQuery(context, board);
        var (symbol, request, kind) = (string.Empty, ConditionRequest.Default, (ConditionKind?)null);
        if (
            (
                query.OnlyParameters("window", "price", "tolerance", "name")
                ?? query.Symbol(out symbol)
                ?? query.Conditions(out request)
                ?? query.ConditionName(request, out kind)
            ) is
            { } problem
        )
        {
            return WriteAsync(context, problem);
        }

        request = request with { Tolerance = request.Tolerance ?? board.Settings.Absorption.TolerancePrice };
        var (answers, status) = board.Read(symbol, (flow, status) =>
            (
                kind is { } one
                    ? [ConditionEvaluator.Evaluate(one, flow, status, request)]
                    : ConditionEvaluator.EvaluateAll(flow, status, request),
                status
            )
        );
        var at = answers.Count > 0 ? answers[0].AtMs : status.NowMs;
        return WriteAsync(context, ConditionsJson.Write(symbol, status.Stale, at, request, answers));
    }

    private Task SeriesAsync(HttpContext context)
    {
        var query = new ApiQuery(context, board);
        var (symbol, bucket, bars) = (string.Empty, TimeSpan.Zero, 0);
        if (
            (
                query.OnlyParameters("bucket", "bars")
                ?? query.Symbol(out symbol)
                ?? query.Bucket(out bucket)
                ?? query.Bars(out bars)
            ) is
            { } problem
        )
        {
            return WriteAsync(context, problem);
        }

        // One read: the buckets, the CVD and its bars are of the same now as /metrics/{symbol} at that moment.
        var (series, status) = board.Read(symbol, (flow, status) => (flow.Series(status.NowMs, bucket, bars), status));
        return WriteAsync(context, SeriesJson.Write(series, status, board.Settings));
    }

    private StatusView View(IReadOnlyList<SymbolHealth> symbols) =>
        new(
            Environment.ProcessId,
            startedAt,
            time.GetUtcNow(),
            board.StaleAfter,
            board.Settings.Retention,
            streams(),
            symbols
        );

    private static Task WriteAsync(HttpContext context, ApiProblem problem) =>
        WriteAsync(context, ApiJson.Problem(problem), problem.Status);

    private static Task WriteAsync(HttpContext context, byte[] body, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = Json;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}

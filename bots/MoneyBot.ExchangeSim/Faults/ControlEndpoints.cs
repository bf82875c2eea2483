using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MoneyBot.ExchangeSim.Hosting;

namespace MoneyBot.ExchangeSim.Faults;

/// <summary>
/// The control API: <c>GET /sim/status</c>; <c>POST /sim/faults/drop</c>, <c>/stall?seconds=N</c>,
/// <c>/malformed</c>, <c>/refuse?seconds=N</c>, <c>/freeze?seconds=N</c> (N real seconds, default 10),
/// <c>/skip-trades?count=N[&amp;symbol=S]</c> (the next N aggTrades of S, or of each symbol, sent on no
/// websocket; default 1), <c>/clear</c>. It stays reachable while the exchange refuses connections.
/// </summary>
internal sealed class ControlEndpoints(FaultInjector faults, Func<SimulatorStatus> status)
{
    private const double DefaultSeconds = 10;

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/sim/status", context =>
            context.Response.WriteAsJsonAsync(
                status(),
                SimJsonContext.Default.SimulatorStatus,
                cancellationToken: context.RequestAborted
            )
        );
        routes.MapPost("/sim/faults/{fault}", FaultAsync);
    }

    /// <summary>Answers 503 to everything but <c>/sim</c> while refusing.</summary>
    public RequestDelegate Refusal(RequestDelegate next) =>
        context =>
        {
            if (!faults.IsRefusing || context.Request.Path.StartsWithSegments("/sim", StringComparison.Ordinal))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return context.Response.WriteAsync(
                """{"code":-1008,"msg":"Simulated outage: the exchange refuses connections."}""",
                context.RequestAborted
            );
        };

    private Task FaultAsync(HttpContext context)
    {
        var fault = context.GetRouteValue("fault") as string ?? string.Empty;
        var secondsText = context.Request.Query["seconds"].ToString();
        var seconds = DefaultSeconds;
        if (
            secondsText.Length > 0
            && (
                !double.TryParse(secondsText, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds)
                || seconds is < 0 or > 86_400
            )
        )
        {
            return ProblemAsync(
                context,
                StatusCodes.Status400BadRequest,
                $"seconds must be a number from 0 to 86400, not '{secondsText}'."
            );
        }

        if (fault == "skip-trades")
        {
            return SkipTradesAsync(context);
        }

        FaultResult? result = fault switch
        {
            "drop" => new(fault, faults.Drop(), null),
            "malformed" => new(fault, faults.SendMalformed(), null),
            "stall" => Timed(fault, seconds, faults.Stall),
            "refuse" => Timed(fault, seconds, faults.Refuse),
            "freeze" => Timed(fault, seconds, faults.Freeze),
            "clear" => Timed(fault, 0, _ => faults.Clear()),
            _ => null,
        };
        return result is null
            ? ProblemAsync(
                context,
                StatusCodes.Status404NotFound,
                $"Unknown fault '{fault}'; use drop, stall, malformed, refuse, freeze, skip-trades or clear."
            )
            : context.Response.WriteAsJsonAsync(
                result,
                SimJsonContext.Default.FaultResult,
                cancellationToken: context.RequestAborted
            );
    }

    private Task SkipTradesAsync(HttpContext context)
    {
        var countText = context.Request.Query["count"].ToString();
        var count = 1;
        if (
            countText.Length > 0
            && (
                !int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count)
                || count is < 1 or > FaultInjector.MaxSkippedTrades
            )
        )
        {
            return ProblemAsync(
                context,
                StatusCodes.Status400BadRequest,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"count must be a whole number from 1 to {FaultInjector.MaxSkippedTrades}, not '{countText}'."
                )
            );
        }

        var symbol = context.Request.Query["symbol"].ToString();
        try
        {
            var affected = faults.SkipTrades(count, symbol.Length > 0 ? symbol : null);
            return context.Response.WriteAsJsonAsync(
                new FaultResult("skip-trades", affected, null),
                SimJsonContext.Default.FaultResult,
                cancellationToken: context.RequestAborted
            );
        }
        catch (ArgumentException e)
        {
            // An unknown symbol: the caller's mistake, answered like the other bad parameters.
            return ProblemAsync(context, StatusCodes.Status400BadRequest, e.Message);
        }
    }

    private static FaultResult Timed(string fault, double seconds, Action<TimeSpan> apply)
    {
        apply(TimeSpan.FromSeconds(seconds));
        return new FaultResult(fault, 0, seconds);
    }

    private static Task ProblemAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(
            new ControlProblem(message),
            SimJsonContext.Default.ControlProblem,
            cancellationToken: context.RequestAborted
        );
    }
}

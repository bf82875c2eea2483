using System.Globalization;
using Microsoft.AspNetCore.Http;
using MoneyBot.OrderFlow.Conditions;
using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.OrderFlow.Api;

/// <summary>
/// Reads and checks a request's symbol and query parameters; each method returns the problem, or null.
/// </summary>
internal sealed class ApiQuery(HttpContext context, FlowBoard board)
{
    /// <summary>Windows per request at most.</summary>
    private const int MaxWindows = 10;

    /// <summary>CVD bars in a series unless asked otherwise.</summary>
    private const int DefaultBars = 120;

    /// <summary>A series' bucket unless asked otherwise (or the smallest allowed, when larger).</summary>
    private static readonly TimeSpan DefaultBucket = TimeSpan.FromSeconds(60);

    private readonly IQueryCollection _query = context.Request.Query;

    /// <summary>
    /// Refuses any parameter not in <paramref name="allowed"/> (a typo would otherwise be silently ignored).
    /// </summary>
    public ApiProblem? OnlyParameters(params string[] allowed)
    {
        var unknown = _query.Keys.FirstOrDefault(k => !allowed.Contains(k, StringComparer.Ordinal));
        return unknown is null
            ? null
            : ApiProblem.BadRequest(
                $"unknown parameter '{unknown}'",
                allowed.Length == 0 ? "no parameters" : "parameters " + string.Join(", ", allowed)
            );
    }

    /// <summary>The route's symbol, upper case, when tracked.</summary>
    public ApiProblem? Symbol(out string symbol)
    {
        var text = context.Request.RouteValues.TryGetValue("symbol", out var value)
            ? value as string ?? string.Empty
            : string.Empty;
        symbol = board.Canonical(text) ?? string.Empty;
        return symbol.Length > 0
            ? null
            : ApiProblem.NotFound(
                $"unknown symbol '{text}': this bot does not follow it",
                "symbols " + string.Join(", ", board.Symbols)
            );
    }

    /// <summary>
    /// The <c>window</c> parameter: one or more comma-separated windows within the retention; <paramref
    /// name="fallback"/> when absent.
    /// </summary>
    public ApiProblem? Windows(IReadOnlyList<TimeSpan> fallback, int most, out IReadOnlyList<TimeSpan> windows)
    {
        windows = fallback;
        var accepted =
            $"{(most == 1 ? "one duration" : "durations, comma-separated,")} above 0 and at most the retention "
            + $"({WindowLabel.Format(board.Settings.Retention)}), like 45s, 2m, 300s";
        if (Durations("window", Math.Min(most, MaxWindows), accepted, out var parsed) is { } problem)
        {
            return problem;
        }

        if (parsed.Count > 0)
        {
            windows = [.. parsed.Select(p => p.Value).Distinct().Order()];
        }

        return null;
    }

    /// <summary>
    /// The <c>bucket</c> parameter of a series: one duration within the retention that gives at most <see
    /// cref="FlowSeries.MaxBuckets"/> buckets over it; 60s when absent (or the smallest allowed, when larger).
    /// </summary>
    public ApiProblem? Bucket(out TimeSpan bucket)
    {
        var retention = board.Settings.Retention;
        var smallest = FlowSeries.SmallestBucket(retention);
        bucket = smallest > DefaultBucket ? smallest : DefaultBucket;
        var accepted =
            $"one duration from {WindowLabel.Format(smallest)} (at most {FlowSeries.MaxBuckets} buckets over the "
            + $"retention) to the retention ({WindowLabel.Format(retention)}), like 10s, 60s, 5m; default "
            + WindowLabel.Format(bucket);
        if (Durations("bucket", 1, accepted, out var parsed) is { } problem)
        {
            return problem;
        }

        if (parsed.Count == 0)
        {
            return null;
        }

        var (text, value) = parsed[0];
        if (value < smallest)
        {
            return ApiProblem.BadRequest(
                $"bucket '{text}' gives more than {FlowSeries.MaxBuckets} buckets over the "
                    + $"{WindowLabel.Format(retention)} retention: the smallest bucket is "
                    + WindowLabel.Format(smallest),
                accepted
            );
        }

        bucket = value;
        return null;
    }

    /// <summary>The <c>bars</c> parameter of a series: 1 to 1440 one-minute CVD bars; 120 when absent.</summary>
    public ApiProblem? Bars(out int bars)
    {
        bars = DefaultBars;
        var accepted =
            $"a whole number from 1 to {CvdTracker.BarCapacity} (the one-minute CVD bars kept, 24 h), default "
            + DefaultBars.ToString(CultureInfo.InvariantCulture);
        if (Single("bars") is not { } text)
        {
            return _query.ContainsKey("bars") ? ApiProblem.BadRequest("bars given twice or empty", accepted) : null;
        }

        if (
            !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count is < 1 or > CvdTracker.BarCapacity
        )
        {
            return ApiProblem.BadRequest($"bad bars '{text}'", accepted);
        }

        bars = count;
        return null;
    }

    /// <summary>The condition parameters: <c>window</c> (one), <c>price</c>, <c>tolerance</c>.</summary>
    public ApiProblem? Conditions(out ConditionRequest request)
    {
        request = ConditionRequest.Default;
        if (Windows([ConditionRequest.DefaultWindow], 1, out var windows) is { } badWindow)
        {
            return badWindow;
        }

        if (Number("price", "a number above 0, like 65000.5", n => n > 0, out var price) is { } badPrice)
        {
            return badPrice;
        }

        if (
            Number("tolerance", "a number at or above 0, in price units, like 20", n => n >= 0, out var tolerance) is
            { } badTolerance
        )
        {
            return badTolerance;
        }

        request = new ConditionRequest(windows[0], price, tolerance);
        return null;
    }

    /// <summary>
    /// The <c>name</c> parameter: one condition, or null for all; a named absorption condition needs <paramref
    /// name="request"/>'s price.
    /// </summary>
    public ApiProblem? ConditionName(ConditionRequest request, out ConditionKind? kind)
    {
        kind = null;
        if (Single("name") is not { } text)
        {
            return _query.ContainsKey("name")
                ? ApiProblem.BadRequest("name given twice or empty", "one of " + ConditionNames.Accepted)
                : null;
        }

        if (!ConditionNames.TryParse(text, out var parsed))
        {
            return ApiProblem.BadRequest(
                $"unknown condition '{text}'",
                "names " + ConditionNames.Accepted + " (or no name for all)"
            );
        }

        kind = parsed;
        return ConditionNames.NeedsPrice(parsed) && request.Price is null
            ? ApiProblem.BadRequest(
                $"condition '{ConditionNames.Name(parsed)}' needs a price",
                "price=<P>, and optionally tolerance=<T> in price units"
            )
            : null;
    }

    private ApiProblem? Number(string name, string accepted, Func<decimal, bool> valid, out decimal? value)
    {
        value = null;
        if (Single(name) is not { } text)
        {
            return _query.ContainsKey(name) ? ApiProblem.BadRequest($"{name} given twice or empty", accepted) : null;
        }

        if (
            !decimal.TryParse(
                text,
                NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture,
                out var number
            ) || !valid(number)
        )
        {
            return ApiProblem.BadRequest($"bad {name} '{text}'", accepted);
        }

        value = number;
        return null;
    }

    /// <summary>
    /// The durations of parameter <paramref name="name"/> (comma-separated, at most <paramref name="most"/>), each
    /// above 0 and within the retention, with their texts; none when absent.
    /// </summary>
    private ApiProblem? Durations(
        string name,
        int most,
        string accepted,
        out IReadOnlyList<(string Text, TimeSpan Value)> durations
    )
    {
        durations = [];
        var texts = _query[name].SelectMany(v => (v ?? string.Empty).Split(',')).ToList();
        if (texts.Count == 0)
        {
            return null;
        }

        if (texts.Count > most)
        {
            return ApiProblem.BadRequest($"{texts.Count} {name}s asked", accepted);
        }

        var retention = board.Settings.Retention;
        var parsed = new List<(string, TimeSpan)>();
        foreach (var text in texts)
        {
            if (!WindowLabel.TryParse(text, out var duration))
            {
                return ApiProblem.BadRequest($"bad {name} '{text}'", accepted);
            }

            if (duration > retention)
            {
                return ApiProblem.BadRequest(
                    $"{name} '{text}' is longer than the {WindowLabel.Format(retention)} of trades the bot keeps",
                    accepted
                );
            }

            parsed.Add((text, duration));
        }

        durations = parsed;
        return null;
    }

    private string? Single(string name) =>
        _query[name] is { Count: 1 } values && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using MoneyBot.OrderFlow.Conditions;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.OrderFlow.Api;

/// <summary>
/// Reads and checks a request's symbol and query parameters; each method returns the problem, or null.
/// </summary>
internal sealed class ApiQuery(HttpContext context, FlowBoard board)
{
    /// <summary>Windows per request at most.</summary>
    private const int MaxWindows = 10;

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
        var texts = _query["window"].SelectMany(v => (v ?? string.Empty).Split(',')).ToList();
        if (texts.Count == 0)
        {
            return null;
        }

        var retention = board.Settings.Retention;
        var accepted =
            $"{(most == 1 ? "one duration" : "durations, comma-separated,")} above 0 and at most the retention "
            + $"({WindowLabel.Format(retention)}), like 45s, 2m, 300s";
        if (texts.Count > Math.Min(most, MaxWindows))
        {
            return ApiProblem.BadRequest($"{texts.Count} windows asked", accepted);
        }

        var parsed = new List<TimeSpan>();
        foreach (var text in texts)
        {
            if (!WindowLabel.TryParse(text, out var window))
            {
                return ApiProblem.BadRequest($"bad window '{text}'", accepted);
            }

            if (window > retention)
            {
                return ApiProblem.BadRequest(
                    $"window '{text}' is longer than the {WindowLabel.Format(retention)} of trades the bot keeps",
                    accepted
                );
            }

            parsed.Add(window);
        }

        windows = [.. parsed.Distinct().Order()];
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

    private string? Single(string name) =>
        _query[name] is { Count: 1 } values && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;
}

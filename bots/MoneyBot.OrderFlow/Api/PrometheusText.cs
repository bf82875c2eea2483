using System.Globalization;
using System.Text;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Api;

/// <summary>
/// The body of <c>GET /metrics</c>: Prometheus text exposition format 0.0.4, every family with its
/// HELP and TYPE lines and its samples together. An unknown value (no CVD slope yet, a pressure with
/// no trades) is <c>NaN</c>; a pressure with buys and no sells is <c>+Inf</c>.
/// </summary>
internal sealed class PrometheusText
{
    /// <summary>The Content-Type of the exposition.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly TimeSpan WhaleWindow = TimeSpan.FromSeconds(300);
    private readonly StringBuilder _text = new(4096);

    /// <summary>
    /// The exposition of <paramref name="view"/> and each symbol's <paramref name="snapshots"/> (standard windows,
    /// aligned with <see cref="StatusView.Symbols"/>).
    /// </summary>
    public static string Write(StatusView view, IReadOnlyList<FlowSnapshot> snapshots)
    {
        var p = new PrometheusText();
        var symbols = view.Symbols.Zip(snapshots).ToList();
        p.Family("orderflow_start_time_seconds", "gauge", "When the bot started, Unix seconds.");
        p.Sample("orderflow_start_time_seconds", [], Number(ApiJson.Seconds(view.StartedAt.ToUnixTimeMilliseconds())));
        p.PerWindow(symbols, "orderflow_delta", "Aggressive buy minus sell quantity over the window (base asset).", t =>
            t.Delta
        );
        p.PerWindow(
            symbols,
            "orderflow_delta_quote",
            "Aggressive buy minus sell notional over the window (quote currency).",
            t => t.DeltaQuote
        );
        p.PerWindow(symbols, "orderflow_buy_volume", "Aggressive buy quantity over the window (base asset).", t =>
            t.BuyQuantity
        );
        p.PerWindow(symbols, "orderflow_sell_volume", "Aggressive sell quantity over the window (base asset).", t =>
            t.SellQuantity
        );
        p.PerWindow(symbols, "orderflow_window_trades", "Trades over the window.", t => t.Trades);
        p.Family(
            "orderflow_window_covered",
            "gauge",
            "1 when the bot has every trade of the window, 0 when its history is shorter."
        );
        foreach (var (_, snapshot) in symbols)
        {
            foreach (var w in snapshot.Windows)
            {
                p.Sample(
                    "orderflow_window_covered",
                    [("symbol", snapshot.Symbol), ("window", WindowLabel.Format(w.Window))],
                    w.Covered ? "1" : "0"
                );
            }
        }

        p.Family(
            "orderflow_whales",
            "gauge",
            "Trades per whale tier over the window, each in the highest tier it reaches."
        );
        foreach (var (_, snapshot) in symbols)
        {
            var totals = snapshot.Window(WhaleWindow).Totals;
            foreach (var tier in MetricsJson.WhaleTierList)
            {
                p.Sample(
                    "orderflow_whales",
                    [
                        ("symbol", snapshot.Symbol),
                        ("tier", WhaleTiers.Name(tier)),
                        ("window", WindowLabel.Format(WhaleWindow)),
                    ],
                    Number(totals.Whales(tier))
                );
            }
        }

        p.PerSymbol(
            symbols,
            "orderflow_cvd",
            "gauge",
            "Cumulative volume delta since the session anchor (base asset).",
            (_, s) => Number(s.Cvd)
        );
        p.PerSymbol(
            symbols,
            "orderflow_cvd_slope",
            "gauge",
            "CVD slope over the last 6 one-minute bars, quantity per minute; NaN before 6 bars.",
            (_, s) => s.CvdSlope is { } v ? Number(v) : "NaN"
        );
        p.PerSymbol(
            symbols,
            "orderflow_pressure",
            "gauge",
            "Aggressive buy / sell quantity over 30 s; +Inf with no sells, NaN with no trades.",
            (_, s) =>
                s.Pressure switch
                {
                    { Kind: PressureKind.Infinite } => "+Inf",
                    { Ratio: { } r } => Number(r),
                    _ => "NaN",
                }
        );
        p.PerSymbol(
            symbols,
            "orderflow_book_imbalance",
            "gauge",
            "(bid - ask) / (bid + ask) over the top book levels; NaN before a book.",
            (_, s) => s.Book?.Normalised is { } n ? Number(n) : "NaN"
        );
        p.PerSymbol(symbols, "orderflow_zones_active", "gauge", "Active absorption zones.", (_, s) =>
            Number(s.Zones.Count)
        );
        p.PerSymbol(symbols, "orderflow_trades_total", "counter", "Trades applied.", (h, _) =>
            Number(h.Counters.Trades)
        );
        p.PerSymbol(
            symbols,
            "orderflow_feed_stale",
            "gauge",
            "1 when no trade arrived within the staleness timeout.",
            (h, _) => h.Feed.Stale ? "1" : "0"
        );
        p.PerSymbol(
            symbols,
            "orderflow_feed_lag_seconds",
            "gauge",
            "Local arrival minus exchange time of the newest streamed trade; NaN before one.",
            (h, _) => h.Feed.FeedLag is { } lag ? Number(ApiJson.Seconds((long)lag.TotalMilliseconds)) : "NaN"
        );
        p.PerSymbol(
            symbols,
            "orderflow_last_trade_timestamp_seconds",
            "gauge",
            "Exchange time of the newest trade, Unix seconds; NaN before one.",
            (h, _) => h.Feed.LastTradeMs is { } ms ? Number(ApiJson.Seconds(ms)) : "NaN"
        );
        p.PerSymbol(
            symbols,
            "orderflow_history_covered_seconds",
            "gauge",
            "History held without a hole up to now (at most the retention).",
            (h, _) => Number(ApiJson.Seconds(h.CoveredMs))
        );
        p.PerSymbol(
            symbols,
            "orderflow_gaps_total",
            "counter",
            "Holes in the trade ids that were not filled.",
            (h, _) => Number(h.Counters.Gaps)
        );
        p.PerSymbol(
            symbols,
            "orderflow_missed_trades_total",
            "counter",
            "Trades in the holes that were not filled.",
            (h, _) => Number(h.Counters.MissedTrades)
        );
        p.PerSymbol(
            symbols,
            "orderflow_duplicate_trades_total",
            "counter",
            "Trades skipped because already applied.",
            (h, _) => Number(h.Counters.Duplicates)
        );
        p.PerSymbol(symbols, "orderflow_backfills_total", "counter", "Id holes filled by REST.", (h, _) =>
            Number(h.Feed.Backfills)
        );
        p.PerSymbol(
            symbols,
            "orderflow_backfilled_trades_total",
            "counter",
            "Trades fetched by REST backfills.",
            (h, _) => Number(h.Feed.BackfilledTrades)
        );
        p.PerSymbol(symbols, "orderflow_backfill_failures_total", "counter", "Id holes REST could not fill.", (h, _) =>
            Number(h.Feed.BackfillFailures)
        );
        p.PerStream(view, "orderflow_stream_connected", "gauge", "1 while the websocket is open.", s =>
            s.State == MarketData.Streams.StreamState.Connected ? "1" : "0"
        );
        p.PerStream(
            view,
            "orderflow_stream_reconnects_total",
            "counter",
            "Connections opened after the first one.",
            s => Number(s.Reconnects)
        );
        p.PerStream(view, "orderflow_stream_messages_total", "counter", "Valid messages received.", s =>
            Number(s.Messages)
        );
        p.PerStream(view, "orderflow_stream_malformed_total", "counter", "Messages that could not be read.", s =>
            Number(s.Malformed)
        );
        p.PerStream(
            view,
            "orderflow_stream_dropped_total",
            "counter",
            "Messages dropped because the consumer fell behind.",
            s => Number(s.Dropped)
        );
        return p._text.ToString();
    }

    /// <summary>Escapes a label value: backslash, double quote and line feed.</summary>
    public static string EscapeLabel(string value) =>
        value
            .Replace("\\", @"\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", @"\n", StringComparison.Ordinal);

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private void PerWindow(
        List<(SymbolHealth, FlowSnapshot)> symbols,
        string name,
        string help,
        Func<FlowTotals, decimal> value
    )
    {
        Family(name, "gauge", help);
        foreach (var (_, snapshot) in symbols)
        {
            foreach (var w in snapshot.Windows)
            {
                Sample(
                    name,
                    [("symbol", snapshot.Symbol), ("window", WindowLabel.Format(w.Window))],
                    Number(value(w.Totals))
                );
            }
        }
    }

    private void PerSymbol(
        List<(SymbolHealth, FlowSnapshot)> symbols,
        string name,
        string type,
        string help,
        Func<SymbolHealth, FlowSnapshot, string> value
    )
    {
        Family(name, type, help);
        foreach (var (health, snapshot) in symbols)
        {
            Sample(name, [("symbol", snapshot.Symbol)], value(health, snapshot));
        }
    }

    private void PerStream(
        StatusView view,
        string name,
        string type,
        string help,
        Func<MarketData.Streams.StreamStatus, string> value
    )
    {
        Family(name, type, help);
        foreach (var stream in view.Streams)
        {
            Sample(name, [("stream", stream.Name)], value(stream.Status));
        }
    }

    private void Family(string name, string type, string help) =>
        _text
            .Append("# HELP ")
            .Append(name)
            .Append(' ')
            .Append(help.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal))
            .Append('\n')
            .Append("# TYPE ")
            .Append(name)
            .Append(' ')
            .Append(type)
            .Append('\n');

    private void Sample(string name, (string Name, string Value)[] labels, string value)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{').AppendJoin(',', labels.Select(l => $"{l.Name}=\"{EscapeLabel(l.Value)}\"")).Append('}');
        }

        _text.Append(' ').Append(value).Append('\n');
    }
}

using System.Text.Json;
using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.OrderFlow.Api;

/// <summary>The body of <c>GET /metrics/{symbol}</c>: every metric of one symbol at its "now".</summary>
internal static class MetricsJson
{
    public static byte[] Write(FlowSnapshot snapshot, SymbolFeedStatus status, FlowSettings settings) =>
        ApiJson.Build((snapshot, status, settings), static (w, s) =>
        {
            var (snapshot, status, settings) = s;
            w.WriteStartObject();
            w.WriteString("symbol", snapshot.Symbol);
            w.WriteTime("time", snapshot.TimeMs);
            w.WriteBoolean("stale", status.Stale);
            w.WriteTime("last_trade_time", snapshot.NewestTradeMs);
            w.WriteTime("covered_from", snapshot.CoveredFromMs);
            w.WriteDecimal(
                "covered_seconds",
                snapshot.CoveredFromMs is { } from
                    ? ApiJson.Seconds(Math.Min(snapshot.TimeMs - from, (long)settings.Retention.TotalMilliseconds))
                    : null
            );
            w.WriteNumber("retention_seconds", (long)settings.Retention.TotalSeconds);
            w.WriteStartArray("windows");
            foreach (var figures in snapshot.Windows)
            {
                WriteWindow(w, figures);
            }

            w.WriteEndArray();
            WriteCvd(w, snapshot, settings);
            WritePressure(w, snapshot.Pressure, settings);
            WriteBook(w, snapshot.Book);
            w.WriteStartArray("zones");
            foreach (var zone in snapshot.Zones)
            {
                w.WriteZone(zone);
            }

            w.WriteEndArray();
            w.WriteStartArray("recent_whales");
            foreach (var whale in snapshot.RecentWhales)
            {
                WriteWhale(w, whale);
            }

            w.WriteEndArray();
            WriteCounters(w, snapshot.Counters);
            w.WriteEndObject();
        });

    private static void WriteWindow(Utf8JsonWriter w, WindowFigures figures)
    {
        var t = figures.Totals;
        w.WriteStartObject();
        w.WriteString("window", WindowLabel.Format(figures.Window));
        w.WriteNumber("seconds", ApiJson.Seconds((long)figures.Window.TotalMilliseconds));
        w.WriteBoolean("covered", figures.Covered);
        w.WriteNumber("delta_qty", t.Delta);
        w.WriteNumber("delta_quote", t.DeltaQuote);
        w.WriteNumber("buy_qty", t.BuyQuantity);
        w.WriteNumber("sell_qty", t.SellQuantity);
        w.WriteNumber("buy_quote", t.BuyQuote);
        w.WriteNumber("sell_quote", t.SellQuote);
        w.WriteNumber("trades", t.Trades);
        w.WriteStartObject("whales");
        foreach (var tier in WhaleTierList)
        {
            w.WriteNumber(WhaleTiers.Name(tier), t.Whales(tier));
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteCvd(Utf8JsonWriter w, FlowSnapshot snapshot, FlowSettings settings)
    {
        w.WriteStartObject("cvd");
        w.WriteNumber("value", snapshot.Cvd);
        w.WriteTime("since", snapshot.CvdSinceMs);
        w.WriteDecimal("slope", snapshot.CvdSlope is { } slope ? decimal.Round(slope, 8) : null);
        w.WriteString("trend", Trend(snapshot.CvdTrend));
        w.WriteNumber("epsilon", settings.SlopeEpsilon);
        w.WriteEndObject();
    }

    private static void WritePressure(Utf8JsonWriter w, Pressure pressure, FlowSettings settings)
    {
        w.WriteStartObject("pressure");
        w.WriteString("window", WindowLabel.Format(settings.PressureWindow));
        w.WriteNumber("buy_qty", pressure.BuyQuantity);
        w.WriteNumber("sell_qty", pressure.SellQuantity);
        w.WriteRatio("ratio", pressure.Ratio, pressure.Kind == PressureKind.Infinite);
        w.WriteString(
            "dominant",
            pressure.Dominant switch
            {
                Dominance.Buy => "BUY",
                Dominance.Sell => "SELL",
                _ => "NEUTRAL",
            }
        );
        w.WriteEndObject();
    }

    private static void WriteBook(Utf8JsonWriter w, BookImbalance? book)
    {
        if (book is null)
        {
            w.WriteNull("book");
            return;
        }

        w.WriteStartObject("book");
        w.WriteNumber("levels", book.Levels);
        w.WriteNumber("bid_qty", book.BidQuantity);
        w.WriteNumber("ask_qty", book.AskQuantity);
        w.WriteRatio("ratio", book.Ratio, book.BidQuantity > 0);
        w.WriteDecimal("normalised", book.Normalised);
        w.WriteTime("time", book.UpdatedMs);
        w.WriteTime("received_at", book.ReceivedAt);
        w.WriteEndObject();
    }

    private static void WriteWhale(Utf8JsonWriter w, WhaleTrade whale)
    {
        w.WriteStartObject();
        w.WriteNumber("id", whale.Id);
        w.WriteTime("time", whale.TimeMs);
        w.WriteString("side", ApiJson.Side(whale.Side));
        w.WriteString("tier", WhaleTiers.Name(whale.Tier));
        w.WriteNumber("price", whale.Price);
        w.WriteNumber("qty", whale.Quantity);
        w.WriteNumber("notional", whale.Notional);
        w.WriteEndObject();
    }

    private static void WriteCounters(Utf8JsonWriter w, FlowCounters c)
    {
        w.WriteStartObject("counters");
        w.WriteNumber("trades", c.Trades);
        w.WriteNumber("duplicates", c.Duplicates);
        w.WriteNumber("out_of_order", c.OutOfOrder);
        w.WriteNumber("gaps", c.Gaps);
        w.WriteNumber("missed_trades", c.MissedTrades);
        w.WriteNumber("zones_found", c.ZonesFound);
        w.WriteNumber("zones_broken", c.ZonesBroken);
        w.WriteNumber("zones_expired", c.ZonesExpired);
        w.WriteEndObject();
    }

    /// <summary>The tiers, smallest first.</summary>
    internal static IReadOnlyList<WhaleTier> WhaleTierList { get; } =
    [WhaleTier.Small, WhaleTier.Medium, WhaleTier.Large, WhaleTier.Whale];

    internal static string Trend(CvdTrend trend) =>
        trend switch
        {
            CvdTrend.Rising => "rising",
            CvdTrend.Falling => "falling",
            CvdTrend.Flat => "flat",
            _ => "unknown",
        };
}

using System.Text.Json;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.OrderFlow.Api;

/// <summary>
/// The body of <c>GET /status</c>: the bot, its websocket connections, and each symbol's feed, honestly.
/// </summary>
internal static class StatusJson
{
    public static byte[] Write(StatusView view) => ApiJson.Build(view, static (w, v) =>
        {
            w.WriteStartObject();
            w.WriteString("bot", "orderflow");
            w.WriteNumber("pid", v.ProcessId);
            w.WriteTime("started_at", v.StartedAt);
            w.WriteTime("now", v.Now);
            w.WriteNumber("uptime_seconds", ApiJson.Seconds((long)(v.Now - v.StartedAt).TotalMilliseconds));
            w.WriteBoolean("stale", v.Symbols.Any(s => s.Feed.Stale));
            w.WriteNumber("stale_after_seconds", ApiJson.Seconds((long)v.StaleAfter.TotalMilliseconds));
            w.WriteNumber("retention_seconds", (long)v.Retention.TotalSeconds);
            w.WriteNumber("reconnects", v.Streams.Sum(s => (long)s.Status.Reconnects));
            var lastError = v.Streams.Where(s => s.Status.LastError is not null).MaxBy(s => s.Status.LastErrorAt);
            w.WriteText("last_error", lastError is null ? null : $"{lastError.Name}: {lastError.Status.LastError}");
            w.WriteTime("last_error_at", lastError?.Status.LastErrorAt);
            w.WriteStartArray("streams");
            foreach (var stream in v.Streams)
            {
                WriteStream(w, stream);
            }

            w.WriteEndArray();
            w.WriteStartArray("symbols");
            foreach (var symbol in v.Symbols)
            {
                WriteSymbol(w, symbol);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static void WriteStream(Utf8JsonWriter w, StreamReport stream)
    {
        var s = stream.Status;
        w.WriteStartObject();
        w.WriteString("name", stream.Name);
        w.WriteString("url", stream.Url.ToString());
        w.WriteString("state", s.State.ToString().ToLowerInvariant());
        w.WriteTime("connected_at", s.ConnectedAt);
        w.WriteTime("last_message_at", s.LastMessageAt);
        w.WriteNumber("reconnects", s.Reconnects);
        w.WriteNumber("consecutive_failures", s.ConsecutiveFailures);
        w.WriteText("last_error", s.LastError);
        w.WriteTime("last_error_at", s.LastErrorAt);
        w.WriteNumber("messages", s.Messages);
        w.WriteNumber("malformed", s.Malformed);
        w.WriteNumber("dropped", s.Dropped);
        w.WriteEndObject();
    }

    private static void WriteSymbol(Utf8JsonWriter w, SymbolHealth health)
    {
        var f = health.Feed;
        var c = health.Counters;
        w.WriteStartObject();
        w.WriteString("symbol", f.Symbol);
        w.WriteBoolean("stale", f.Stale);
        w.WriteTime("time", f.NowMs);
        w.WriteTime("last_trade_time", f.LastTradeMs);
        w.WriteTime("last_trade_received_at", f.LastTradeReceivedAt);
        if (f.FeedLag is { } lag)
        {
            w.WriteNumber("feed_lag_ms", (long)lag.TotalMilliseconds);
        }
        else
        {
            w.WriteNull("feed_lag_ms");
        }

        w.WriteNumber($"trades_{WindowLabel.Format(health.Window)}", health.TradesInWindow);
        w.WriteNumber("trades_total", c.Trades);
        w.WriteTime("covered_from", f.CoveredFromMs);
        w.WriteNumber("covered_seconds", ApiJson.Seconds(health.CoveredMs));
        w.WriteNumber("backfills", f.Backfills);
        w.WriteNumber("backfilled_trades", f.BackfilledTrades);
        w.WriteNumber("backfill_failures", f.BackfillFailures);
        w.WriteText("last_backfill_error", f.LastBackfillError);
        w.WriteNumber("gaps", c.Gaps);
        w.WriteNumber("missed_trades", c.MissedTrades);
        w.WriteNumber("duplicates", c.Duplicates);
        w.WriteNumber("out_of_order", c.OutOfOrder);
        w.WriteNumber("zones_active", health.ZonesActive);
        w.WriteEndObject();
    }
}

using System.Text.Json;
using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.OrderFlow.Api;

/// <summary>
/// The body of <c>GET /series/{symbol}</c>: the delta per bucket over the retention and the CVD's one-minute bars of
/// one symbol at its "now".
/// </summary>
internal static class SeriesJson
{
    public static byte[] Write(FlowSeries series, SymbolFeedStatus status, FlowSettings settings) =>
        ApiJson.Build((series, status, settings), static (w, s) =>
        {
            var (series, status, settings) = s;
            w.WriteStartObject();
            w.WriteString("symbol", series.Symbol);
            w.WriteTime("time", series.TimeMs);
            w.WriteBoolean("stale", status.Stale);
            w.WriteString("bucket", WindowLabel.Format(series.Bucket));
            w.WriteNumber("bucket_seconds", ApiJson.Seconds((long)series.Bucket.TotalMilliseconds));
            w.WriteNumber("retention_seconds", (long)settings.Retention.TotalSeconds);
            w.WriteTime("covered_from", series.CoveredFromMs);
            w.WriteStartArray("delta");
            foreach (var bucket in series.Delta)
            {
                WriteBucket(w, bucket);
            }

            w.WriteEndArray();
            w.WriteStartObject("cvd");
            w.WriteNumber("value", series.Cvd);
            w.WriteTime("since", series.CvdSinceMs);
            w.WriteEndObject();
            w.WriteStartArray("cvd_bars");
            foreach (var bar in series.CvdBars)
            {
                WriteBar(w, bar);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static void WriteBucket(Utf8JsonWriter w, DeltaBucket bucket)
    {
        var t = bucket.Totals;
        w.WriteStartObject();
        w.WriteTime("start", bucket.StartMs);
        w.WriteTime("end", bucket.EndMs);
        w.WriteBoolean("covered", bucket.Covered);
        w.WriteNumber("delta_qty", t.Delta);
        w.WriteNumber("delta_quote", t.DeltaQuote);
        w.WriteNumber("buy_qty", t.BuyQuantity);
        w.WriteNumber("sell_qty", t.SellQuantity);
        w.WriteNumber("trades", t.Trades);
        w.WriteEndObject();
    }

    private static void WriteBar(Utf8JsonWriter w, CvdBar bar)
    {
        w.WriteStartObject();
        w.WriteTime("minute", bar.MinuteMs);
        w.WriteNumber("open", bar.Open);
        w.WriteNumber("high", bar.High);
        w.WriteNumber("low", bar.Low);
        w.WriteNumber("close", bar.Close);
        w.WriteEndObject();
    }
}

using System.Text.Json;
using MoneyBot.OrderFlow.Conditions;

namespace MoneyBot.OrderFlow.Api;

/// <summary>The body of <c>GET /conditions/{symbol}</c>: each answer with its reason and figures.</summary>
internal static class ConditionsJson
{
    public static byte[] Write(
        string symbol,
        bool stale,
        long atMs,
        ConditionRequest request,
        IReadOnlyList<ConditionAnswer> answers
    ) => ApiJson.Build((symbol, stale, atMs, request, answers), static (w, s) =>
        {
            var (symbol, stale, atMs, request, answers) = s;
            w.WriteStartObject();
            w.WriteString("symbol", symbol);
            w.WriteTime("time", atMs);
            w.WriteBoolean("stale", stale);
            w.WriteString("window", WindowLabel.Format(request.Window));
            w.WriteDecimal("price", request.Price);
            w.WriteDecimal("tolerance", request.Tolerance);
            w.WriteStartArray("conditions");
            foreach (var answer in answers)
            {
                WriteAnswer(w, answer);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static void WriteAnswer(Utf8JsonWriter w, ConditionAnswer answer)
    {
        w.WriteStartObject();
        w.WriteString("name", answer.Name);
        w.WriteString(
            "value",
            answer.Value switch
            {
                ConditionValue.True => "true",
                ConditionValue.False => "false",
                _ => "unknown",
            }
        );
        w.WriteString("reason", answer.Reason);
        w.WriteStartObject("figures");
        w.WriteBoolean("stale", answer.Figures.Stale);
        w.WriteTime("covered_from", answer.Figures.CoveredFromMs);
        switch (answer.Figures)
        {
            case DeltaFigures d:
                w.WriteString("window", WindowLabel.Format(d.Window));
                w.WriteBoolean("covered", d.Covered);
                w.WriteNumber("delta_qty", d.Totals.Delta);
                w.WriteNumber("delta_quote", d.Totals.DeltaQuote);
                w.WriteNumber("buy_qty", d.Totals.BuyQuantity);
                w.WriteNumber("sell_qty", d.Totals.SellQuantity);
                w.WriteNumber("trades", d.Totals.Trades);
                break;
            case CvdFigures c:
                w.WriteNumber("cvd", c.Cvd);
                w.WriteDecimal("slope", c.Slope is { } slope ? decimal.Round(slope, 8) : null);
                w.WriteNumber("epsilon", c.Epsilon);
                w.WriteString("trend", MetricsJson.Trend(c.Trend));
                w.WriteTime("slope_needs_from", c.SlopeNeedsFromMs);
                break;
            case ZoneFigures z:
                w.WriteDecimal("price", z.Price);
                w.WriteNumber("tolerance", z.Tolerance);
                w.WriteString("window", WindowLabel.Format(z.Window));
                w.WriteBoolean("covered", z.Covered);
                w.WriteNumber("active", z.Active);
                w.WriteStartArray("near");
                foreach (var zone in z.Near)
                {
                    w.WriteZone(zone);
                }

                w.WriteEndArray();
                w.WritePropertyName("nearest");
                if (z.Nearest is { } nearest)
                {
                    w.WriteZone(nearest);
                }
                else
                {
                    w.WriteNullValue();
                }

                w.WriteDecimal("distance", z.Distance);
                break;
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}

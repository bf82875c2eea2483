using System.Globalization;
using System.Text;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Live;

/// <summary>
/// The one-line summary sent as STATUS= (shown by <c>moneybot status</c>): per symbol delta, CVD trend, zones, and
/// staleness.
/// </summary>
internal static class StatusLine
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromSeconds(300);

    public static string Compose(FlowBoard board)
    {
        var text = new StringBuilder();
        foreach (var symbol in board.Symbols)
        {
            var part = board.Read(symbol, (flow, status) =>
            {
                if (flow.NewestTradeMs is null)
                {
                    return $"{symbol} waiting for trades";
                }

                var c = CultureInfo.InvariantCulture;
                var delta = flow.Window(FiveMinutes, status.NowMs).Delta;
                var trend = flow.Trend(flow.CvdSlope(status.NowMs));
                var zones = flow.Zones(status.NowMs).Count;
                // A negative lag is a clock ahead of ours (the simulator runs faster than real time): the API reports
                // it, the status line does not.
                var lag =
                    status.FeedLag is { } l && l >= TimeSpan.Zero
                        ? string.Create(c, $" lag {l.TotalMilliseconds:0}ms")
                        : string.Empty;
                var stale = status.Stale ? $" STALE since {status.LastTradeReceivedAt:HH:mm:ss}Z" : string.Empty;
                return string.Create(
                    c,
                    $"{symbol} Δ5m {Signed(decimal.Round(delta, 3))} CVD {trend.ToString().ToLowerInvariant()} "
                        + $"zones {zones}{lag}{stale}"
                );
            });
            text.Append(text.Length > 0 ? " | " : string.Empty).Append(part);
        }

        return text.ToString();
    }

    private static string Signed(decimal value) =>
        (value > 0 ? "+" : string.Empty) + value.ToString(CultureInfo.InvariantCulture);
}

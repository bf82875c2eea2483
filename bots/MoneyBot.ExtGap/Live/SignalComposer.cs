using MoneyBot.ExtGap.Notifications;
using MoneyBot.ExtGap.Trading;

namespace MoneyBot.ExtGap.Live;

/// <summary>
/// Turns what a candle did into Telegram texts, in the order things happened: a pending entry filled
/// at the open and an expiry first, then the gap (first gap, same direction, or reversal with the
/// position it closed and its P&amp;L), then the reversal's entry.
/// </summary>
public static class SignalComposer
{
    /// <summary>The texts for one processed candle (none for most candles).</summary>
    public static IReadOnlyList<string> Compose(Messages messages, CandleResult result)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(result);
        var texts = new List<string>(2);
        var reversal = result.Gap is { IsReversal: true };
        ClosedTrade? reversed = null;
        Position? reversalEntry = null;
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case PositionClosed { Trade.Reason: CloseReason.Reverse } closed:
                    reversed = closed.Trade;
                    break;
                case PositionClosed closed:
                    texts.Add(messages.Expiry(closed.Trade));
                    break;
                case PositionOpened opened when reversal && opened.Position.EntryTime == result.Candle.CloseTime:
                    reversalEntry = opened.Position;
                    break;
                case PositionOpened opened:
                    texts.Add(messages.Entry(opened.Position)); // a next-open entry, filled at this candle's open
                    break;
            }
        }

        if (result.Gap is { } gap)
        {
            texts.Add(
                gap.IsFirstGap ? messages.FirstGap(gap)
                : gap.IsReversal ? messages.Reversal(gap, reversed)
                : messages.Gap(gap)
            );
        }

        if (reversalEntry is not null)
        {
            texts.Add(messages.Entry(reversalEntry));
        }

        return texts;
    }
}

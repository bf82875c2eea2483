namespace MoneyBot.ExtGap.Notifications;

/// <content>The English texts.</content>
public sealed partial record MessageTexts
{
    /// <summary>English (the default).</summary>
    public static MessageTexts English { get; } =
        new()
        {
            DecimalSeparator = ".",
            PercentSuffix = "%",
            Bullish = "bullish",
            Bearish = "bearish",
            BullishTrend = "bullish",
            BearishTrend = "bearish",
            StartupTitle = "External-Gap bot started",
            StartupSize = "Size: {0} USD · fees {1} / {2}",
            StartupEntry = "Entry {0} · max hold {1}",
            EntryAtClose = "at the signal candle's close",
            EntryAtNextOpen = "at the next candle's open",
            ResumedPosition = "Resumed with an open {0}: {1} {2} at {3}",
            ResumedFlat = "No open position.",
            FirstGapTitle = "First gap",
            GapAtLevel = "{0} gap at <b>{1}</b>",
            OpeningBar = "Opening bar: {0}",
            Detected = "Detected: {0}",
            FirstGapNoTrade = "No trade on the first gap: waiting for a reversal.",
            GapTitle = "{0} gap #{1}",
            Level = "Level: <b>{0}</b>",
            SameDirection = "Same direction: no trade.",
            ReversalTitle = "Reversal: {0} gap",
            ClosedLine = "Closed {0} {1} {2}: {3} → {4} ({5})",
            GrossAndFees = "Gross {0} USD · fees {1} USD",
            Net = "Net P&amp;L: <b>{0} USD</b> {1}",
            Totals = "Total: {0} ✅ / {1} ❌ · {2} USD",
            NothingToClose = "No position to close.",
            OpenedTitle = "{0} opened",
            EntryLine = "Entry: <b>{0}</b> · {1} USD = {2} {3}",
            TimeLine = "Time: {0}",
            ExpiryTitle = "{0} closed after {1}",
            ExpiryHeld = "Held since {0}: {1} → {2} ({3})",
            ExpiryNet = "Net P&amp;L: <b>{0} USD</b> (fees {1} USD)",
            ExpiryFlat = "Flat until the next reversal.",
            StatsTitle = "Statistics",
            StatsTrades = "Closed trades: {0} ({1} ✅ / {2} ❌, win rate {3})",
            StatsPnl = "P&amp;L: <b>{0} USD</b> · fees {1} USD",
            StatsPosition = "Position: {0} {1} {2} at {3}, unrealized {4} USD",
            StatsNoPosition = "Position: none",
            StatsTrend = "Trend: {0}, {1} gap(s) in a row",
            StatsNoTrend = "Trend: no gap yet",
            StatsSince = "Running since {0}",
            StopTitle = "External-Gap bot stopped",
            StopReason = "Reason: {0}",
            StopTotals = "P&amp;L: {0} USD over {1} closed trade(s)",
            StopSaved = "State saved: the position and the trend resume at the next start.",
        };
}

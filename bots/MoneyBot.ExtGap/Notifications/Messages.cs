using System.Globalization;
using System.Text;
using MoneyBot.Common.Telegram;
using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Trading;

namespace MoneyBot.ExtGap.Notifications;

/// <summary>
/// Renders the bot's Telegram messages (HTML parse mode) in English or French. Every dynamic value
/// is escaped; quantities are in the symbol's base asset (BTCUSDT -> BTC).
/// </summary>
public sealed class Messages
{
    private readonly MessageTexts _texts;
    private readonly string _header;
    private readonly string _baseAsset;

    /// <summary>Messages for one bot.</summary>
    public Messages(string symbol, Timeframe timeframe, MessageLanguage language = MessageLanguage.English)
    {
        _texts = MessageTexts.For(language);
        _baseAsset = Symbols.BaseAsset(symbol);
        _header = $" · {TelegramHtml.Escape(symbol)} {TelegramHtml.Escape(timeframe.Name)}";
    }

    /// <summary>Parses <c>en</c> or <c>fr</c> (case-insensitive).</summary>
    public static bool TryParseLanguage(string? text, out MessageLanguage language)
    {
        language = text?.Trim().ToLowerInvariant() == "fr" ? MessageLanguage.French : MessageLanguage.English;
        return text?.Trim().ToLowerInvariant() is "en" or "fr";
    }

    /// <summary>The bot started (with what it resumed, if anything).</summary>
    public string Startup(TradingSettings settings, Position? resumed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var sb = Title("🚀", _texts.StartupTitle)
            .Line(
                _texts.StartupSize,
                Price(settings.Notional),
                Percent(settings.EntryFeeRate),
                Percent(settings.ExitFeeRate)
            )
            .Line(
                _texts.StartupEntry,
                settings.EntryRule == EntryRule.Close ? _texts.EntryAtClose : _texts.EntryAtNextOpen,
                Hours(settings.MaxHold)
            );
        return (
            resumed is { } p
                ? sb.Line(_texts.ResumedPosition, Side(p.Side), Quantity(p.Quantity), _baseAsset, Price(p.EntryPrice))
                : sb.Line(_texts.ResumedFlat)
        ).Build();
    }

    /// <summary>The first gap after a fresh start (no trade).</summary>
    public string FirstGap(Gap gap) =>
        Title("🧭", _texts.FirstGapTitle)
            .Line(_texts.GapAtLevel, Polarity(gap.Polarity), Price(gap.Level))
            .Line(_texts.OpeningBar, Time(gap.OpeningBarTime))
            .Line(_texts.Detected, Time(gap.DetectionBarTime))
            .Line(_texts.FirstGapNoTrade)
            .Build();

    /// <summary>A gap in the same direction as the last one (no trade).</summary>
    public string Gap(Gap gap) =>
        Title(
                Icon(gap.Polarity),
                string.Format(CultureInfo.InvariantCulture, _texts.GapTitle, Polarity(gap.Polarity), gap.Sequence)
            )
            .Line(_texts.Level, Price(gap.Level))
            .Line(_texts.OpeningBar, Time(gap.OpeningBarTime))
            .Line(_texts.Detected, Time(gap.DetectionBarTime))
            .Line(_texts.SameDirection)
            .Build();

    /// <summary>A reversal, with the position it closed (if one was open) and its P&amp;L.</summary>
    public string Reversal(Gap gap, ClosedTrade? closed)
    {
        var title = string.Format(CultureInfo.InvariantCulture, _texts.ReversalTitle, Polarity(gap.Polarity));
        var sb = Title("🔄", title)
            .Line(_texts.Level, Price(gap.Level))
            .Line(_texts.OpeningBar, Time(gap.OpeningBarTime));
        if (closed is null)
        {
            return sb.Line(_texts.NothingToClose).Build();
        }

        return sb.Line(
                _texts.ClosedLine,
                Side(closed.Side),
                Quantity(closed.Quantity),
                _baseAsset,
                Price(closed.EntryPrice),
                Price(closed.ExitPrice),
                SignedPercent(closed.Return)
            )
            .Line(_texts.GrossAndFees, Money(closed.GrossPnl), Money(closed.TotalFees, signed: false))
            .Line(_texts.Net, Money(closed.RealizedPnl), Verdict(closed.Status))
            .Line(_texts.Totals, closed.Totals.Wins, closed.Totals.Losses, Money(closed.Totals.CumulativePnl))
            .Build();
    }

    /// <summary>A position was entered.</summary>
    public string Entry(Position position)
    {
        ArgumentNullException.ThrowIfNull(position);
        return Title(
                position.Side == PositionSide.Long ? "📈" : "📉",
                string.Format(CultureInfo.InvariantCulture, _texts.OpenedTitle, Side(position.Side))
            )
            .Line(
                _texts.EntryLine,
                Price(position.EntryPrice),
                Price(position.Notional),
                Quantity(position.Quantity),
                _baseAsset
            )
            .Line(_texts.TimeLine, Time(position.EntryTime))
            .Build();
    }

    /// <summary>A position closed because it reached the maximum hold time.</summary>
    public string Expiry(ClosedTrade trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        return Title(
                "⏰",
                string.Format(
                    CultureInfo.InvariantCulture,
                    _texts.ExpiryTitle,
                    Side(trade.Side),
                    Hours(trade.CloseTime - trade.OpenTime)
                )
            )
            .Line(
                _texts.ExpiryHeld,
                Time(trade.OpenTime),
                Price(trade.EntryPrice),
                Price(trade.ExitPrice),
                SignedPercent(trade.Return)
            )
            .Line(_texts.ExpiryNet, Money(trade.RealizedPnl), Money(trade.TotalFees, signed: false))
            .Line(_texts.Totals, trade.Totals.Wins, trade.Totals.Losses, Money(trade.Totals.CumulativePnl))
            .Line(_texts.ExpiryFlat)
            .Build();
    }

    /// <summary>The periodic statistics.</summary>
    public string Statistics(StatisticsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var t = report.Totals;
        var winRate = t.ClosedTrades == 0 ? "-" : Percent((decimal)t.Wins / t.ClosedTrades, decimals: 0);
        var sb = Title("📊", _texts.StatsTitle)
            .Line(_texts.StatsTrades, t.ClosedTrades, t.Wins, t.Losses, winRate)
            .Line(_texts.StatsPnl, Money(t.CumulativePnl), Money(t.CumulativeFees, signed: false));
        sb = report.OpenPosition is { } p
            ? sb.Line(
                _texts.StatsPosition,
                Side(p.Side),
                Quantity(p.Quantity),
                _baseAsset,
                Price(p.EntryPrice),
                report.LastPrice is { } last
                    ? Money(
                        p.Notional
                            * (p.Side == PositionSide.Long ? last - p.EntryPrice : p.EntryPrice - last)
                            / p.EntryPrice
                    )
                    : "-"
            )
            : sb.Line(_texts.StatsNoPosition);
        sb = report.LastGap is { } gap
            ? sb.Line(
                _texts.StatsTrend,
                gap.Polarity == GapPolarity.Bullish ? _texts.BullishTrend : _texts.BearishTrend,
                report.Sequence
            )
            : sb.Line(_texts.StatsNoTrend);
        return sb.Line(_texts.StatsSince, Time(report.Since)).Build();
    }

    /// <summary>The bot stopped.</summary>
    public string Stop(string reason, TradeStatistics totals) =>
        Title("🛑", _texts.StopTitle)
            .Line(_texts.StopReason, reason)
            .Line(_texts.StopTotals, Money(totals.CumulativePnl), totals.ClosedTrades)
            .Line(_texts.StopSaved)
            .Build();

    private static string Icon(GapPolarity polarity) => polarity == GapPolarity.Bullish ? "🟢" : "🔴";

    private static string Verdict(TradeStatus status) =>
        status switch
        {
            TradeStatus.Win => "✅",
            TradeStatus.Loss => "❌",
            _ => "➖",
        };

    private static string Side(PositionSide side) => side == PositionSide.Long ? "LONG" : "SHORT";

    private static string Hours(TimeSpan span)
    {
        var minutes = (long)Math.Round(span.TotalMinutes);
        return minutes % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}h")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}h{minutes % 60:00}");
    }

    /// <summary>Nearest second, UTC: <c>2025-01-01 00:06 UTC</c> (seconds only when not zero).</summary>
    private static string Time(DateTimeOffset time)
    {
        var t = new DateTime(
            (time.UtcTicks + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond,
            DateTimeKind.Utc
        );
        return t.ToString(
            t.Second == 0 ? "yyyy-MM-dd HH:mm 'UTC'" : "yyyy-MM-dd HH:mm:ss 'UTC'",
            CultureInfo.InvariantCulture
        );
    }

    private string Polarity(GapPolarity polarity) => polarity == GapPolarity.Bullish ? _texts.Bullish : _texts.Bearish;

    private string Number(decimal value, string format) =>
        value
            .ToString(format, CultureInfo.InvariantCulture)
            .Replace(".", _texts.DecimalSeparator, StringComparison.Ordinal);

    private string Price(decimal value) => Number(value, "0.############################");

    private string Quantity(decimal value) => Number(Math.Round(value, 8), "0.########");

    private string Money(decimal value, bool signed = true) =>
        Number(Math.Round(value, 2), signed ? "+0.00;-0.00;0.00" : "0.00");

    private string Percent(decimal fraction, int decimals = 2) =>
        Number(Math.Round(fraction * 100, decimals), decimals == 0 ? "0" : "0.0#") + _texts.PercentSuffix;

    private string SignedPercent(decimal fraction) =>
        Number(Math.Round(fraction * 100, 2), "+0.00;-0.00;0.00") + _texts.PercentSuffix;

    private MessageBuilder Title(string icon, string title) =>
        new MessageBuilder().Raw($"{icon} <b>{TelegramHtml.Escape(title)}</b>{_header}");

    /// <summary>Lines of a message: templates are HTML, arguments are escaped.</summary>
    private sealed class MessageBuilder
    {
        private readonly StringBuilder _text = new();

        public MessageBuilder Raw(string html)
        {
            _text.Append(html);
            return this;
        }

        public MessageBuilder Line(string template, params object[] args)
        {
            var escaped = Array.ConvertAll(args, a =>
                (object)TelegramHtml.Escape(Convert.ToString(a, CultureInfo.InvariantCulture) ?? "")
            );
            _text.Append('\n').Append(string.Format(CultureInfo.InvariantCulture, template, escaped));
            return this;
        }

        public string Build() => _text.ToString();
    }
}

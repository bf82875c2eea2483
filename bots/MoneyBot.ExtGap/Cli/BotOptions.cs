using System.CommandLine;
using System.Globalization;
using MoneyBot.Common.Bots;
using MoneyBot.Common.Units;
using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Notifications;
using MoneyBot.ExtGap.Trading;

namespace MoneyBot.ExtGap.Cli;

/// <summary>The options every bot verb shares (run and replay): symbol, timeframe and trading settings.</summary>
internal sealed class BotOptions
{
    public Option<string> Symbol { get; } =
        new("--symbol")
        {
            Description = "The symbol, e.g. BTCUSDT or ETHUSDT",
            DefaultValueFactory = _ => "BTCUSDT",
            CustomParser = r =>
                OptionParsing.Parse(
                    r,
                    "BTCUSDT",
                    t => t.Length > 0 && t.All(char.IsAsciiLetterOrDigit) ? t.ToUpperInvariant() : null,
                    "letters and digits, like BTCUSDT"
                ),
        };

    public Option<Timeframe> Timeframe { get; } =
        new("--timeframe")
        {
            Description = "The kline interval",
            HelpName = string.Join('|', Detection.Timeframe.SupportedNames),
            Required = true,
            CustomParser = r =>
                OptionParsing.Parse<Timeframe?>(
                    r,
                    null,
                    t => Detection.Timeframe.TryParse(t, out var tf) ? tf : null,
                    string.Join(", ", Detection.Timeframe.SupportedNames)
                ) ?? default,
        };

    public Option<decimal> Notional { get; } =
        new("--notional")
        {
            Description = "Position size in USD",
            DefaultValueFactory = _ => TradingSettings.Default.Notional,
            CustomParser = r =>
                OptionParsing.Parse<decimal?>(
                    r,
                    TradingSettings.Default.Notional,
                    t => Number(t) is > 0 and var n ? n : null,
                    "a number above 0"
                ) ?? 0,
        };

    public Option<decimal> EntryFeeRate { get; } = FeeRate("--entry-fee-rate", TradingSettings.Default.EntryFeeRate);

    public Option<decimal> ExitFeeRate { get; } = FeeRate("--exit-fee-rate", TradingSettings.Default.ExitFeeRate);

    public Option<EntryRule?> EntryRule { get; } =
        new("--entry-rule")
        {
            Description = "Entry on a reversal: at the detection candle's close (default) or at the next candle's open",
            HelpName = "close|next-open",
            CustomParser = r =>
                OptionParsing.Parse<EntryRule?>(
                    r,
                    null,
                    t =>
                        t switch
                        {
                            "close" => MoneyBot.ExtGap.Trading.EntryRule.Close,
                            "next-open" => MoneyBot.ExtGap.Trading.EntryRule.NextOpen,
                            _ => null,
                        },
                    "close or next-open"
                ),
        };

    public Option<TimeSpan?> MaxHold { get; } =
        new("--max-hold")
        {
            Description = "Close a position held this long, e.g. 24h (default), 90m, 2d",
            HelpName = "duration",
            CustomParser = r =>
                OptionParsing.Parse<TimeSpan?>(
                    r,
                    null,
                    t => Durations.TryParse(t, out var d) && d > TimeSpan.Zero ? d : null,
                    "a duration above 0 like 24h, 90m, 2d"
                ),
        };

    /// <summary>
    /// The Telegram messages' language; for the live verb (replay sends no messages), so not in <see cref="AddTo"/>.
    /// </summary>
    public Option<MessageLanguage> Language { get; } =
        new("--lang")
        {
            Description = "Language of the Telegram messages",
            HelpName = "en|fr",
            DefaultValueFactory = _ => MessageLanguage.English,
            CustomParser = r =>
                OptionParsing.Parse<MessageLanguage?>(
                    r,
                    MessageLanguage.English,
                    t => Messages.TryParseLanguage(t, out var l) ? l : null,
                    "en or fr"
                ) ?? default,
        };

    public void AddTo(Command command)
    {
        command.Options.Add(Symbol);
        command.Options.Add(Timeframe);
        command.Options.Add(Notional);
        command.Options.Add(EntryFeeRate);
        command.Options.Add(ExitFeeRate);
        command.Options.Add(EntryRule);
        command.Options.Add(MaxHold);
    }

    public TradingSettings Settings(ParseResult parse) =>
        new TradingSettings
        {
            Notional = parse.GetValue(Notional),
            EntryFeeRate = parse.GetValue(EntryFeeRate),
            ExitFeeRate = parse.GetValue(ExitFeeRate),
            EntryRule = parse.GetValue(EntryRule) ?? TradingSettings.Default.EntryRule,
            MaxHold = parse.GetValue(MaxHold) ?? TradingSettings.Default.MaxHold,
        }.Validate();

    private static Option<decimal> FeeRate(string name, decimal fallback) =>
        new(name)
        {
            Description = "Fee rate on the notional: 0.0003 = 0.03 %",
            DefaultValueFactory = _ => fallback,
            CustomParser = r =>
                OptionParsing.Parse<decimal?>(
                    r,
                    fallback,
                    t => Number(t) is >= 0 and < 1 and var n ? n : null,
                    "a rate in [0, 1), like 0.0003"
                ) ?? 0,
        };

    private static decimal? Number(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
}

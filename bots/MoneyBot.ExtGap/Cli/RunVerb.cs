using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using MoneyBot.Common.Bots;
using MoneyBot.ExtGap.Live;
using MoneyBot.MarketData;

namespace MoneyBot.ExtGap.Cli;

/// <summary>
/// <c>extgap run</c>: the live bot. Telegram comes from TELEGRAM_BOT_TOKEN, TELEGRAM_CHAT_IDS and
/// TELEGRAM_API_URL; the notify protocol from NOTIFY_SOCKET and WATCHDOG_USEC (when supervised, the
/// bot also exits if its supervisor dies). SIGTERM or SIGINT stops it cleanly with exit code 0.
/// </summary>
internal static class RunVerb
{
    public static Command Create(TextWriter error, Termination termination, Func<string, string?> environment)
    {
        var bot = new BotOptions();
        var run = new RunOptions();
        var command = new Command(
            "run",
            "Run the bot live: stream closed klines, detect gaps, trade reversals (simulated), write the CSVs, "
                + "send Telegram messages."
        );
        bot.AddTo(command);
        command.Options.Add(bot.Language);
        run.AddTo(command);
        command.SetAction(
            async (p, ct) =>
            {
                LiveOptions options;
                try
                {
                    options = Options(p, bot, run, environment).Validate();
                }
                catch (ArgumentException ex)
                {
                    await error.WriteLineAsync($"extgap run: {ex.Message}");
                    return ExitCodes.Usage;
                }

                var level = p.GetValue(run.LogLevel) ?? LogLevel.Information;
                using var loggers = LoggerFactory.Create(b =>
                    b.SetMinimumLevel(level).AddProvider(new StderrLoggerProvider(error, level))
                );
                await using var live = new LiveBot(options, loggers);
                using var stopping = ct.Register(() => live.RequestStop(termination.Reason ?? "cancelled"));
                return await live.RunAsync(CancellationToken.None);
            }
        );
        return command;
    }

    private static LiveOptions Options(ParseResult p, BotOptions bot, RunOptions run, Func<string, string?> environment)
    {
        var symbol = p.GetValue(bot.Symbol)!;
        var timeframe = p.GetValue(bot.Timeframe);
        var folder = LiveOptions.DefaultDirectory(timeframe);
        var supervised = SupervisedEnvironment.Read(environment);
        return new LiveOptions
        {
            Symbol = symbol,
            Timeframe = timeframe,
            Market = p.GetValue(run.Market) ?? Market.UsdFutures,
            Endpoints = run.Endpoints(p),
            GapsPath = p.GetValue(run.GapsOut)?.FullName ?? Path.Combine(folder, symbol + ".gaps.csv"),
            TradesPath = p.GetValue(run.TradesOut)?.FullName ?? Path.Combine(folder, symbol + ".trades.csv"),
            StatePath = p.GetValue(run.State)?.FullName ?? Path.Combine(folder, symbol + ".state.json"),
            Trading = bot.Settings(p),
            StatisticsInterval = p.GetValue(run.StatsInterval) ?? LiveOptions.DefaultStatisticsInterval,
            StaleAfter = p.GetValue(run.StaleAfter) ?? LiveOptions.DefaultStaleAfter,
            Language = p.GetValue(bot.Language),
            Telegram = BotTelegramSettings.FromEnvironment(environment),
            NotifySocket = supervised.NotifySocket,
            WatchdogTimeout = supervised.WatchdogTimeout,
            WatchdogPid = supervised.WatchdogPid,
            ParentCheckInterval = supervised.ParentCheckInterval,
        };
    }
}

using System.CommandLine;
using Microsoft.Extensions.Logging;
using MoneyBot.Common.Bots;
using MoneyBot.ExtGap.Records;
using MoneyBot.ExtGap.Replay;
using MoneyBot.ExtGap.State;

namespace MoneyBot.ExtGap.Cli;

/// <summary><c>extgap replay</c>: backtests a candle CSV offline and writes the gaps and trades CSVs.</summary>
internal static class ReplayVerb
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var bot = new BotOptions();
        var candles = new Option<FileInfo>("--candles")
        {
            Description = "Candle CSV: open_time,open,high,low,close[,close_time] (open time in epoch ms or ISO-8601)",
            HelpName = "file",
            Required = true,
        }.AcceptExistingOnly();
        var gapsOut = new Option<FileInfo>("--gaps-out")
        {
            HelpName = "file",
            Description = "Gaps CSV to append to (created with its header)",
            Required = true,
        };
        var tradesOut = new Option<FileInfo>("--trades-out")
        {
            HelpName = "file",
            Description = "Trades CSV to append to (created with its header)",
            Required = true,
        };
        var state = new Option<FileInfo?>("--state")
        {
            HelpName = "file",
            Description = "State file: resume from it when present, save to it at the end",
        };
        var command = new Command(
            "replay",
            "Replay a candle CSV through the bot (no network) and write the gaps and trades CSVs."
        )
        {
            candles,
            gapsOut,
            tradesOut,
            state,
        };
        bot.AddTo(command);
        command.SetAction(
            (p, ct) =>
            {
                var options = new ReplayOptions(
                    p.GetValue(candles)!.FullName,
                    p.GetValue(bot.Symbol)!,
                    p.GetValue(bot.Timeframe),
                    p.GetValue(gapsOut)!.FullName,
                    p.GetValue(tradesOut)!.FullName,
                    bot.Settings(p),
                    p.GetValue(state)?.FullName
                );
                return Task.FromResult(Run(options, output, error, ct));
            }
        );
        return command;
    }

    private static int Run(
        ReplayOptions options,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken
    )
    {
        string[] paths =
        [
            options.CandlesPath,
            options.GapsPath,
            options.TradesPath,
            .. options.StatePath is { } s ? [s] : Array.Empty<string>(),
        ];
        if (paths.Distinct(StringComparer.Ordinal).Count() != paths.Length)
        {
            error.WriteLine("extgap replay: --candles, --gaps-out, --trades-out and --state must be different files");
            return ExitCodes.Usage;
        }

        using var log = new StderrLoggerProvider(error, LogLevel.Information); // repairs of the output files
        var runner = new ReplayRunner(options, log.CreateLogger(typeof(ReplayRunner).FullName!));
        try
        {
            Print(runner.Run(cancellationToken), options, output);
            return ExitCodes.Success;
        }
        catch (Exception ex)
            when (ex
                    is CandleFileException
                        or BotStateException
                        or InvalidDataException
                        or IOException
                        or UnauthorizedAccessException
                        or OperationCanceledException
            )
        {
            error.WriteLine($"extgap replay: {(ex is OperationCanceledException ? "cancelled" : ex.Message)}");
            var done = runner.Summary;
            error.WriteLine(
                $"stopped after {done.Candles} candle rows; the {done.GapRowsWritten} gap and "
                    + $"{done.TradeRowsWritten} trade rows written before that are kept"
            );
            return ExitCodes.Failed;
        }
    }

    private static void Print(ReplaySummary s, ReplayOptions options, TextWriter output)
    {
        output.WriteLine(
            $"replayed {s.Candles} candles from {options.CandlesPath}: {s.Processed} processed, "
                + $"{s.NotAligned} before the first aligned one, {s.Duplicates} duplicate or out of order"
        );
        output.WriteLine(
            $"gaps: {s.Gaps} detected, {s.GapRowsWritten} rows written to {options.GapsPath}"
                + (s.GapRowsSkipped > 0 ? $" ({s.GapRowsSkipped} already there)" : "")
        );
        output.WriteLine(
            $"trades: {s.TradeRowsWritten} rows written to {options.TradesPath}"
                + (s.TradeRowsSkipped > 0 ? $" ({s.TradeRowsSkipped} already there)" : "")
                + $"; wins {s.Totals.Wins}, losses {s.Totals.Losses}, P&L "
                + $"{CsvFormat.Decimal(Math.Round(s.Totals.CumulativePnl, 2))}, "
                + $"fees {CsvFormat.Decimal(Math.Round(s.Totals.CumulativeFees, 2))}"
        );
        if (s.OpenPosition is { } p)
        {
            output.WriteLine(
                $"open position: {p.Side.ToString().ToUpperInvariant()} {CsvFormat.Decimal(p.Notional)} USD at "
                    + $"{CsvFormat.Decimal(p.EntryPrice)} since {CsvFormat.Time(p.EntryTime)}"
            );
        }
    }
}

using System.CommandLine;
using System.Globalization;
using MoneyBot.OrderFlow.Replay;

namespace MoneyBot.OrderFlow.Cli;

/// <summary>
/// <c>orderflow replay</c>: runs a file of raw stream messages through the metrics and writes JSON lines (spec section
/// 6).
/// </summary>
internal static class ReplayVerb
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var flow = new FlowOptions();
        var input = new Option<FileInfo>("--input")
        {
            Description =
                "Raw stream messages, one JSON object per line (aggTrade, optionally depth; raw /ws/ form or "
                + "{\"stream\":...,\"data\":...})",
            HelpName = "file",
            Required = true,
        }.AcceptExistingOnly();
        var outFile = new Option<FileInfo>("--out")
        {
            Description = "Metrics, one JSON object per line (replaced)",
            HelpName = "file.jsonl",
            Required = true,
        };
        var every = OptionFactory.Duration(
            "--every",
            "A metrics line per symbol every this much exchange time, and one at the end (default 60s)"
        );
        var command = new Command(
            "replay",
            "Replay recorded stream messages through the order-flow metrics (no network) and write them as JSON lines."
        )
        {
            input,
            outFile,
            every,
        };
        flow.AddTo(command);
        command.SetAction(
            (p, ct) =>
            {
                var options = new ReplayOptions(
                    p.GetValue(input)!.FullName,
                    p.GetValue(outFile)!.FullName,
                    p.GetValue(every) ?? ReplayOptions.DefaultEvery,
                    flow.Settings(p)
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
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            error.WriteLine($"orderflow replay: {ex.Message}");
            return ExitCodes.Usage;
        }

        var runner = new ReplayRunner(options);
        try
        {
            Print(runner.Run(cancellationToken), options, output);
            return ExitCodes.Success;
        }
        catch (Exception ex)
            when (ex is ReplayInputException or IOException or UnauthorizedAccessException or OperationCanceledException
            )
        {
            error.WriteLine($"orderflow replay: {(ex is OperationCanceledException ? "cancelled" : ex.Message)}");
            var done = runner.Summary;
            error.WriteLine(
                $"stopped after {done.Lines} lines; the {done.LinesWritten} metrics lines written before that are "
                    + $"kept in {options.OutputPath}"
            );
            return ExitCodes.Failed;
        }
    }

    private static void Print(ReplaySummary s, ReplayOptions options, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(
            string.Create(
                c,
                $"replayed {s.Lines} lines from {options.InputPath}: {s.Trades} trades, {s.BookUpdates} book "
                    + $"updates, {s.Ignored} other messages passed over"
            )
        );
        output.WriteLine(
            string.Create(
                c,
                $"symbols: {(s.Symbols.Count == 0 ? "none" : string.Join(", ", s.Symbols))}; {s.Duplicates} "
                    + $"duplicate trades skipped, {s.OutOfOrder} out of order"
            )
        );
        if (s.Gaps > 0)
        {
            output.WriteLine(
                string.Create(
                    c,
                    $"warning: {s.Gaps} holes in the trade ids ({s.MissedTrades} trades missing from the file): "
                        + $"the figures around them are short of those trades"
                )
            );
        }

        output.WriteLine(
            string.Create(
                c,
                $"wrote {s.LinesWritten} metrics lines (every {Common.Units.Durations.Format(options.Every)} of "
                    + $"exchange time) to {options.OutputPath}"
            )
        );
    }
}

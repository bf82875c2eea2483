using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MoneyBot.Bench.OrderFlow;
using MoneyBot.MarketData.Streams;
using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Live;
using MoneyBot.OrderFlow.Replay;

// Usage: orderflow-bench [trades=1000000] [seed=42] [runs=5]
// One thread (run.sh pins it to one core). Each pass runs several times; the median and the best are reported,
// because a shared machine's neighbours make single runs swing by 2x.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 42;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
Console.WriteLine(
    $"orderflow bench: {count:N0} synthetic aggTrade messages, seed {seed}, {runs} runs per pass, .NET "
        + $"{Environment.Version}, {Environment.ProcessorCount} CPU(s)"
);
var tape = SyntheticTape.Generate(count, seed);

// The live trades stream's parse step, called by its receive loop once per frame: AggTradeReader (as in the replay)
// and the symbol matched to the board's name.
var frames = new TradeFrameReader(["BTCUSDT"]);
var parsed = new Trade[tape.Count];
for (var i = 0; i < tape.Count; i++)
{
    frames.Read(tape.Line(i), DateTimeOffset.UnixEpoch, out var frame, out _);
    parsed[i] = frame.Trade;
}

Console.WriteLine($"tape: {tape.Bytes.Length / 1e6:F0} MB, {(double)tape.Bytes.Length / count:F0} bytes per message");

// Calibration: how fast this machine runs System.Text.Json's reader over the same bytes (a yardstick for other
// machines).
var calibration = Pass(count, runs, () =>
{
    var reader = new Utf8JsonReader(tape.Bytes, new JsonReaderOptions { AllowMultipleValues = true });
    long tokens = 0;
    while (reader.Read())
    {
        tokens++;
    }

    return $"{tokens:N0} tokens";
});
Console.WriteLine(
    string.Create(
        CultureInfo.InvariantCulture,
        $"calibration: System.Text.Json Utf8JsonReader over the tape: "
            + $"{tape.Bytes.Length / calibration.Median.TotalSeconds / 1e6:F0} MB/s (median)"
    )
);

Report("parse only", Pass(count, runs, () => ParseOnly(tape, frames)));
Report("metric updates only (trades pre-parsed)", Pass(count, runs, () => MetricsOnly(parsed)));
Report(
    "parse + all metric updates",
    Pass(count, runs, () => ParseAndApply(tape, frames, new SymbolFlow("BTCUSDT"), 0, tape.Count))
);

// Steady state: a flow whose tables have grown (fed the first eighth) takes the next eighths one run each (2 warm-up, 4
// measured);
// its allocations are the true per-trade cost.
var steady = new SymbolFlow("BTCUSDT");
var slice = tape.Count / 8;
ParseAndApply(tape, frames, steady, 0, slice);
var next = slice;
Report("steady state: parse + metrics, tables grown", Pass(slice, 4, () =>
    {
        var note = ParseAndApply(tape, frames, steady, next, next + slice);
        next += slice;
        return note;
    }));

var dir = Path.Combine(
    Path.GetTempPath(),
    "orderflow-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture)
);
Directory.CreateDirectory(dir);
try
{
    var input = Path.Combine(dir, "trades.jsonl");
    File.WriteAllBytes(input, tape.Bytes);
    Report("full replay (file in, JSON lines out)", Pass(count, Math.Min(runs, 3), () =>
        {
            var summary = new ReplayRunner(
                new ReplayOptions(
                    input,
                    Path.Combine(dir, "metrics.jsonl"),
                    ReplayOptions.DefaultEvery,
                    FlowSettings.Default
                )
            ).Run();
            return $"{summary.LinesWritten:N0} metrics lines, {summary.Trades:N0} trades";
        }));
}
finally
{
    Directory.Delete(dir, recursive: true);
}

static string ParseOnly(SyntheticTape tape, TradeFrameReader frames)
{
    long sum = 0;
    for (var i = 0; i < tape.Count; i++)
    {
        frames.Read(tape.Line(i), DateTimeOffset.UnixEpoch, out var frame, out _);
        sum += frame.Trade.TimeMs;
    }

    return $"checksum {sum % 9973}";
}

static string MetricsOnly(Trade[] trades)
{
    var flow = new SymbolFlow("BTCUSDT");
    foreach (ref readonly var trade in trades.AsSpan())
    {
        flow.Apply(trade);
    }

    return $"{flow.Trades:N0} trades applied";
}

static string ParseAndApply(SyntheticTape tape, TradeFrameReader frames, SymbolFlow flow, int from, int to)
{
    for (var i = from; i < to; i++)
    {
        if (frames.Read(tape.Line(i), DateTimeOffset.UnixEpoch, out var frame, out _) == FrameOutcome.Message)
        {
            flow.Apply(frame.Trade);
        }
    }

    var now = flow.NowMs;
    return string.Create(
        CultureInfo.InvariantCulture,
        $"delta 300s {flow.Window(TimeSpan.FromSeconds(300), now).Delta:0.###}, zones found "
            + $"{flow.Counters.ZonesFound}, whales 300s {flow.Window(TimeSpan.FromSeconds(300), now).Whale}"
    );
}

static Result Pass(int items, int runs, Func<string> work)
{
    var times = new List<TimeSpan>();
    long allocated = 0;
    var note = string.Empty;
    for (var warmup = 0; warmup < Math.Min(runs, 2); warmup++)
    {
        work(); // JIT tiering (tier 0, OSR, then optimised with profile data) is not part of the figure
    }

    for (var run = 0; run < runs; run++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        note = work();
        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        times.Add(clock.Elapsed);
    }

    times.Sort();
    return new Result(items, times[times.Count / 2], times[0], allocated, note);
}

static void Report(string name, Result r) =>
    Console.WriteLine(
        string.Create(
            CultureInfo.InvariantCulture,
            $"{name, -42} median {r.Items / r.Median.TotalSeconds / 1e6, 5:F2} M trades/s (best "
                + $"{r.Items / r.Best.TotalSeconds / 1e6, 5:F2})  {(double)r.Allocated / r.Items, 6:F2} B/trade  "
                + $"({r.Note})"
        )
    );

internal readonly record struct Result(int Items, TimeSpan Median, TimeSpan Best, long Allocated, string Note);

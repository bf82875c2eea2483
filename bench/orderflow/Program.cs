using System.Diagnostics;
using System.Globalization;
using MoneyBot.Bench.OrderFlow;
using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Replay;
using MoneyBot.OrderFlow.Wire;

// Usage: orderflow-bench [trades=1000000] [seed=42]
// One thread (one core): parse only; parse + every metric update (the bot's per-trade work); full file replay.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 42;
Console.WriteLine($"orderflow bench: {count:N0} synthetic aggTrade messages, seed {seed}, .NET {Environment.Version}, {Environment.ProcessorCount} CPUs");
var tape = SyntheticTape.Generate(count, seed);
Console.WriteLine($"tape: {tape.Bytes.Length / 1e6:F0} MB, {(double)tape.Bytes.Length / count:F0} bytes per message");

// Warm-up (JIT tiering, table growth) on separate state.
for (var i = 0; i < 3; i++)
{
    ParseAndApply(tape, new SymbolFlow("BTCUSDT"), 0, Math.Min(count, 300_000));
}

var parseOnly = Measure(count, () =>
{
    long sum = 0;
    for (var i = 0; i < tape.Count; i++)
    {
        AggTradeReader.Read(tape.Line(i), out var trade, out _, out _);
        sum += trade.Id;
    }

    return $"checksum {sum % 1000}";
});
Report("parse only", parseOnly);

var flow = new SymbolFlow("BTCUSDT");
var full = Measure(count, () => ParseAndApply(tape, flow, 0, tape.Count));
Report("parse + all metric updates", full);

// Steady state: the same flow keeps going (tables grown); allocations over a second pass of fresh ids.
var steady = new SymbolFlow("BTCUSDT");
ParseAndApply(tape, steady, 0, tape.Count / 2);
var steadyRun = Measure(tape.Count - (tape.Count / 2), () => ParseAndApply(tape, steady, tape.Count / 2, tape.Count));
Report("steady state (second half, tables warm)", steadyRun);

var dir = Path.Combine(Path.GetTempPath(), "orderflow-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
Directory.CreateDirectory(dir);
try
{
    var input = Path.Combine(dir, "trades.jsonl");
    File.WriteAllBytes(input, tape.Bytes);
    var replay = Measure(count, () =>
    {
        var summary = new ReplayRunner(new ReplayOptions(input, Path.Combine(dir, "metrics.jsonl"), ReplayOptions.DefaultEvery, FlowSettings.Default)).Run();
        return $"{summary.LinesWritten:N0} metrics lines, {summary.Trades:N0} trades";
    });
    Report("full replay (file in, JSON lines out)", replay);
}
finally
{
    Directory.Delete(dir, recursive: true);
}

static string ParseAndApply(SyntheticTape tape, SymbolFlow flow, int from, int to)
{
    for (var i = from; i < to; i++)
    {
        if (AggTradeReader.Read(tape.Line(i), out var trade, out _, out _) == MessageKind.AggTrade)
        {
            flow.Apply(trade);
        }
    }

    var now = flow.NowMs;
    return string.Create(CultureInfo.InvariantCulture, $"delta 300s {flow.Window(TimeSpan.FromSeconds(300), now).Delta:0.###}, zones found {flow.Counters.ZonesFound}, whales 300s {flow.Window(TimeSpan.FromSeconds(300), now).Whale}");
}

static Result Measure(int items, Func<string> work)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var gcBefore = GC.CollectionCount(0);
    var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    var clock = Stopwatch.StartNew();
    var note = work();
    clock.Stop();
    var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    return new Result(items, clock.Elapsed, allocated, GC.CollectionCount(0) - gcBefore, note);
}

static void Report(string name, Result r) =>
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{name,-42} {r.Items / r.Elapsed.TotalSeconds / 1e6,6:F2} M trades/s  {r.Elapsed.TotalMilliseconds,8:F0} ms  {(double)r.Allocated / r.Items,8:F2} B/trade  gen0 GCs {r.Gen0,4}  ({r.Note})"));

internal readonly record struct Result(int Items, TimeSpan Elapsed, long Allocated, int Gen0, string Note);

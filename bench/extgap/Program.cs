using System.Diagnostics;
using System.Globalization;
using MoneyBot.Bench.ExtGap;
using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Engine;
using MoneyBot.ExtGap.Replay;
using MoneyBot.ExtGap.Trading;

// Usage: extgap-bench [candles=1000000] [seed=42]
//        extgap-bench --write-csv FILE [candles] [seed]: only writes the synthetic candles as an `extgap replay` CSV
var csvOnly = args.Length > 1 && args[0] == "--write-csv" ? args[1] : null;
if (csvOnly is not null)
{
    args = args[2..];
}

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 42;
var timeframe = Timeframe.Parse("3m");
var settings = TradingSettings.Default;
if (csvOnly is not null)
{
    WriteCandles(csvOnly, SyntheticCandles.Generate(count, seed, timeframe));
    Console.WriteLine($"wrote {count:N0} synthetic 3m candles, seed {seed}, to {csvOnly}");
    return;
}

Console.WriteLine(
    $"extgap bench: {count:N0} synthetic 3m candles, seed {seed}, .NET {Environment.Version}, "
        + $"{Environment.ProcessorCount} CPUs"
);
var candles = SyntheticCandles.Generate(count, seed, timeframe);

// Warm-up (JIT, tiering) on a separate engine.
RunEngine(candles.AsSpan(0, Math.Min(count, 200_000)));
RunEngine(candles.AsSpan(0, Math.Min(count, 200_000)));

var detectorOnly = Measure(() =>
{
    var detector = new GapDetector(timeframe);
    long gaps = 0;
    foreach (ref readonly var candle in candles.AsSpan())
    {
        gaps += detector.Process(candle).HasValue ? 1 : 0;
    }

    return $"{gaps:N0} gaps";
});
Report("detector only (in memory)", detectorOnly);

var inMemory = Measure(() => RunEngine(candles));
Report("detector + trading (in memory)", inMemory);

var dir = Path.Combine(
    Path.GetTempPath(),
    "extgap-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture)
);
Directory.CreateDirectory(dir);
try
{
    var candlePath = Path.Combine(dir, "candles.csv");
    WriteCandles(candlePath, candles);
    var readOnly = Measure(() =>
    {
        long n = 0;
        foreach (var candle in CandleCsvReader.Read(candlePath, timeframe))
        {
            n += candle.Close > 0 ? 1 : 0;
        }

        return $"{n:N0} candles parsed";
    });
    Report("CSV read only", readOnly);
    var options = new ReplayOptions(
        candlePath,
        "BTCUSDT",
        timeframe,
        Path.Combine(dir, "gaps.csv"),
        Path.Combine(dir, "trades.csv"),
        settings
    );
    var withCsv = Measure(() =>
    {
        var summary = new ReplayRunner(options).Run();
        return $"{summary.GapRowsWritten:N0} gap rows, {summary.TradeRowsWritten:N0} trade rows, "
            + $"{new FileInfo(candlePath).Length / 1e6:F0} MB read";
    });
    Report("replay with CSV read + write", withCsv);
}
finally
{
    Directory.Delete(dir, recursive: true);
}

string RunEngine(ReadOnlySpan<Candle> span)
{
    var engine = new ExtGapEngine("BTCUSDT", timeframe, settings);
    long gaps = 0;
    foreach (ref readonly var candle in span)
    {
        gaps += engine.Process(candle).Gap.HasValue ? 1 : 0;
    }

    var t = engine.Trader.Totals;
    return $"{gaps:N0} gaps, {t.ClosedTrades:N0} trades, P&L {t.CumulativePnl:F2}";
}

// Wall time, and the process's CPU time: on a busy machine candles per CPU-second is the steadier figure.
(TimeSpan Elapsed, TimeSpan Cpu, long Bytes, string Result) Measure(Func<string> run)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var before = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    var result = run();
    watch.Stop();
    var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
    process.Refresh();
    return (watch.Elapsed, process.TotalProcessorTime - cpu, bytes, result);
}

void Report(string name, (TimeSpan Elapsed, TimeSpan Cpu, long Bytes, string Result) m) =>
    Console.WriteLine(
        string.Create(
            CultureInfo.InvariantCulture,
            $"{name, -30} {count / m.Elapsed.TotalSeconds, 11:N0} candles/s wall "
                + $"{count / m.Cpu.TotalSeconds, 11:N0} /CPU-s {m.Elapsed.TotalMilliseconds, 7:N0} ms "
                + $"{(double)m.Bytes / count, 7:N1} B/candle  ({m.Result})"
        )
    );

static void WriteCandles(string path, Candle[] candles)
{
    using var writer = new StreamWriter(path);
    writer.Write("open_time,open,high,low,close\n");
    foreach (var c in candles)
    {
        writer.Write(
            string.Create(
                CultureInfo.InvariantCulture,
                $"{c.OpenTime.ToUnixTimeMilliseconds()},{c.Open},{c.High},{c.Low},{c.Close}\n"
            )
        );
    }
}

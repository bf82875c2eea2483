using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using MoneyBot.Common.Bots;
using MoneyBot.ExchangeSim.Cli;
using MoneyBot.ExchangeSim.Hosting;

// exchange-sim: parse, start, print one line, run until SIGTERM/SIGINT, stop cleanly.
if (!CommandLine.TryParse(args, out var options, out var error))
{
    if (error is null)
    {
        Console.Out.WriteLine(CommandLine.Usage);
        return 0;
    }

    Console.Error.WriteLine($"exchange-sim: {error.TrimEnd('.')}. Try --help.");
    return 2;
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

if (options!.ClockFile is { } clockFile && options.Start is null && MarketClockFile.Read(clockFile) is { } saved)
{
    options = options with
    {
        // A generated market goes on from a saved time ahead of the real clock; a recorded one from any saved time
        // within the recording (the host checks that). The tape does not depend on where the market starts.
        Start = saved > DateTimeOffset.UtcNow || options.TapeFile is not null ? saved : null,
    };
}

SimulatedExchangeHost host;
try
{
    host = await SimulatedExchangeHost.StartAsync(
        options! with
        {
            ConfigureLogging = logging =>
                logging
                    .AddSimpleConsole(console => console.SingleLine = true)
                    .SetMinimumLevel(LogLevel.Information)
                    .AddFilter("Microsoft", LogLevel.Warning)
                    .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None),
        }
    );
}
catch (FormatException e) when (options!.TapeFile is not null)
{
    Console.Error.WriteLine($"exchange-sim: {e.Message}"); // a bad row of the recording: file:line: what
    return 2;
}
catch (Exception e) when (options!.TapeFile is { } tape && e is FileNotFoundException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"exchange-sim: cannot read the tape {tape}: {e.Message}");
    return 2;
}
catch (IOException e)
{
    Console.Error.WriteLine($"exchange-sim: cannot listen on {options!.ListenUrl}: {e.Message}");
    return 1;
}

await using var running = host;
using var loggers = LoggerFactory.Create(logging =>
    logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Information)
);

// Under the supervisor (or systemd): READY once listening, STATUS, WATCHDOG while the market pump steps.
using var health = new SimulatorHealth(
    host,
    SupervisedEnvironment.Read(Environment.GetEnvironmentVariable),
    TimeProvider.System,
    loggers.CreateLogger("MoneyBot.ExchangeSim.Health")
);
var tapeOrSeed = host.Options.TapeFile is { } replayed
    ? "tape " + replayed
    : "seed " + host.Options.Seed.ToString(CultureInfo.InvariantCulture);
Console.Out.WriteLine(
    string.Create(
        CultureInfo.InvariantCulture,
        $"exchange-sim listening on {host.BaseUrl} (streams {host.WebSocketUrl}ws/<stream>, futures "
            + $"{host.FuturesWebSocketUrl}ws/<stream>): speed {host.Options.Speed}x, {tapeOrSeed}, symbols "
            + $"{string.Join(",", host.Options.Symbols)}, market time {host.Now:yyyy-MM-ddTHH:mm:ssZ}"
    )
);

// The clock file is written every 200 ms of real time: a simulator killed outright goes back at most that much
// (times the speed) when it restarts, and its market is the same whatever time it restarts from.
var clockFileInterval = TimeSpan.FromMilliseconds(200);
using var clockKeeper = host.Options.ClockFile is { } keep
    ? new Timer(_ => MarketClockFile.Write(keep, host.Now), null, TimeSpan.Zero, clockFileInterval)
    : null;
await stop.Task;
health.Stopping();
if (host.Options.ClockFile is { } last)
{
    MarketClockFile.Write(last, host.Now);
}

return 0;

void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}

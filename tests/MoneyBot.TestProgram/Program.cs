// A controllable child program for the supervisor's tests. Options combine; without an exit option it runs until
// signalled.
//   --print-every <ms>         print "tick <n>" every <ms> milliseconds
//   --exit-after <ms>          exit after <ms> milliseconds with --code (default 0)
//   --code <n>                 exit code for --exit-after / --crash
//   --crash                    exit at once with --code (default 1), after writing "crashing" to stderr
//   --crash-unless <path>      like --crash, unless <path> exists (a dependency that fails until the test fixes it)
//   --ignore-term              ignore SIGTERM (and SIGINT)
//   --spawn-grandchild         start another testprog that sleeps forever (ignoring TERM too with --ignore-term); print
// "grandchild <pid>"
//   --flood <lines>            write <lines> numbered lines ("<stream> 000000001 xxxx...") to stdout, and to stderr
// with --flood-stderr
//   --flood-stderr             also flood stderr, concurrently
//   --line-bytes <n>           approximate bytes per flood line (default 100)
//   --pid-file <path>          append "<pid>\n" to <path> at start
//   --env <NAME>               print "env NAME=<value>"
//   --ready-after <ms>         notify protocol: send READY=1 (and STATUS=ready) on NOTIFY_SOCKET after <ms>
//   --watchdog-every <ms>      notify protocol: send WATCHDOG=1 every <ms> ...
//   --watchdog-for <ms>        ... but only during the first <ms> (then hang silently, like a stuck websocket)
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

var options = Options.Parse(args);
var pid = Environment.ProcessId;

if (options.PidFile is { } pidFile)
{
    File.AppendAllText(pidFile, pid.ToString(CultureInfo.InvariantCulture) + "\n");
}

var stdout = Console.Out;
stdout.WriteLine($"started {pid}");
stdout.Flush();

foreach (var name in options.EnvNames)
{
    stdout.WriteLine($"env {name}={Environment.GetEnvironmentVariable(name)}");
}

using var stop = new CancellationTokenSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
{
    ctx.Cancel = true;
    if (!options.IgnoreTerm)
    {
        stop.Cancel();
    }
});
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx =>
{
    ctx.Cancel = true;
    if (!options.IgnoreTerm)
    {
        stop.Cancel();
    }
});

if (options.ReadyAfterMs is { } readyAfter)
{
    _ = Task.Run(async () =>
    {
        await Task.Delay(readyAfter);
        Notify("READY=1\nSTATUS=ready");
    });
}

if (options.WatchdogEveryMs is { } every)
{
    _ = Task.Run(async () =>
    {
        var watching = Stopwatch.StartNew();
        while (options.WatchdogForMs is not { } limit || watching.ElapsedMilliseconds < limit)
        {
            Notify("WATCHDOG=1");
            await Task.Delay(every);
        }
    });
}

if (options.Crash || (options.CrashUnless is { } unless && !File.Exists(unless)))
{
    Console.Error.WriteLine("crashing");
    Console.Error.Flush();
    return options.Code ?? 1;
}

if (options.SpawnGrandchild)
{
    var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
    var startInfo = new ProcessStartInfo(self) { UseShellExecute = false };
    startInfo.ArgumentList.Add("--print-every");
    startInfo.ArgumentList.Add("60000");
    if (options.IgnoreTerm)
    {
        startInfo.ArgumentList.Add("--ignore-term");
    }
    using var grandchild = Process.Start(startInfo) ?? throw new InvalidOperationException("grandchild did not start");
    stdout.WriteLine($"grandchild {grandchild.Id}");
    stdout.Flush();
}

if (options.FloodLines > 0)
{
    var tasks = new List<Task>
    {
        Task.Run(() => Flood(Console.OpenStandardOutput(), "out", options.FloodLines, options.LineBytes)),
    };
    if (options.FloodStderr)
    {
        tasks.Add(Task.Run(() => Flood(Console.OpenStandardError(), "err", options.FloodLines, options.LineBytes)));
    }

    await Task.WhenAll(tasks);
    stdout.WriteLine("flood done");
    stdout.Flush();
}

var tick = 0;
var started = Stopwatch.StartNew();
while (!stop.IsCancellationRequested)
{
    if (options.ExitAfterMs is { } exitAfter && started.ElapsedMilliseconds >= exitAfter)
    {
        return options.Code ?? 0;
    }

    var wait = options.PrintEveryMs ?? 1000;
    if (options.ExitAfterMs is { } limit)
    {
        wait = (int)Math.Max(0, Math.Min(wait, limit - started.ElapsedMilliseconds));
    }

    try
    {
        await Task.Delay(wait, stop.Token);
    }
    catch (OperationCanceledException)
    {
        break;
    }

    if (options.PrintEveryMs is not null && !stop.IsCancellationRequested)
    {
        stdout.WriteLine($"tick {++tick}");
        stdout.Flush();
    }
}

stdout.WriteLine("stopping on signal");
stdout.Flush();
return 0;

static void Notify(string message)
{
    if (Environment.GetEnvironmentVariable("NOTIFY_SOCKET") is not { Length: > 0 } path)
    {
        return;
    }

    using var socket = new System.Net.Sockets.Socket(
        System.Net.Sockets.AddressFamily.Unix,
        System.Net.Sockets.SocketType.Dgram,
        System.Net.Sockets.ProtocolType.Unspecified
    );
    socket.SendTo(Encoding.UTF8.GetBytes(message), new System.Net.Sockets.UnixDomainSocketEndPoint(path));
}

static void Flood(Stream stream, string label, int lines, int lineBytes)
{
    var padding = new string('x', Math.Max(0, lineBytes - label.Length - 12));
    using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
    for (var i = 1; i <= lines; i++)
    {
        writer.Write(label);
        writer.Write(' ');
        writer.Write(i.ToString("D9", CultureInfo.InvariantCulture));
        writer.Write(' ');
        writer.Write(padding);
        writer.Write('\n');
    }

    writer.Flush();
}

internal sealed record Options
{
    public int? PrintEveryMs { get; private init; }
    public int? ExitAfterMs { get; private init; }
    public int? Code { get; private init; }
    public bool Crash { get; private init; }
    public string? CrashUnless { get; private init; }
    public bool IgnoreTerm { get; private init; }
    public bool SpawnGrandchild { get; private init; }
    public int FloodLines { get; private init; }
    public bool FloodStderr { get; private init; }
    public int LineBytes { get; private init; } = 100;
    public string? PidFile { get; private init; }
    public int? ReadyAfterMs { get; private init; }
    public int? WatchdogEveryMs { get; private init; }
    public int? WatchdogForMs { get; private init; }
    public IReadOnlyList<string> EnvNames { get; private init; } = [];

    public static Options Parse(string[] args)
    {
        var o = new Options();
        var env = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--print-every" => o with { PrintEveryMs = NextInt() },
                "--exit-after" => o with { ExitAfterMs = NextInt() },
                "--code" => o with { Code = NextInt() },
                "--crash" => o with { Crash = true },
                "--crash-unless" => o with { CrashUnless = Next() },
                "--ignore-term" => o with { IgnoreTerm = true },
                "--spawn-grandchild" => o with { SpawnGrandchild = true },
                "--flood" => o with { FloodLines = NextInt() },
                "--flood-stderr" => o with { FloodStderr = true },
                "--line-bytes" => o with { LineBytes = NextInt() },
                "--pid-file" => o with { PidFile = Next() },
                "--ready-after" => o with { ReadyAfterMs = NextInt() },
                "--watchdog-every" => o with { WatchdogEveryMs = NextInt() },
                "--watchdog-for" => o with { WatchdogForMs = NextInt() },
                "--env" => AddEnv(o, env, Next()),
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return o;
    }

    private static Options AddEnv(Options o, List<string> env, string name)
    {
        env.Add(name);
        return o with { EnvNames = env };
    }
}

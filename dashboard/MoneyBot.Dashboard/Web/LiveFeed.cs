using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MoneyBot.Dashboard.Catalog;
using MoneyBot.Dashboard.ExtGap;
using MoneyBot.Dashboard.Sources;

namespace MoneyBot.Dashboard.Web;

/// <summary>
/// What the open pages are told, as server-sent events: <c>hello</c> (this run's CSRF token, first), <c>programs</c>
/// (every refresh, when changed), <c>logs</c> (each program's stdout and stderr tails), <c>extgap</c> (a version per
/// bot that changes with its files) and <c>orderflow</c> (each order-flow bot's <c>/status</c>, every refresh). The
/// sources are read only while a page is open; a page that connects gets the latest of each event at once, and when
/// the last page leaves those are forgotten.
/// </summary>
internal sealed partial class LiveFeed(
    BotCatalog catalog,
    SupervisorSource supervisor,
    OrderFlowSource orderFlow,
    TimeSpan refresh,
    string csrf,
    ILogger logger
) : IDisposable
{
    /// <summary>Log lines per stream and program sent to the pages.</summary>
    public const int LogLines = 15;

    private readonly ConcurrentDictionary<Channel<string>, byte> _clients = new();
    private readonly ConcurrentDictionary<string, string> _latest = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);
    private long _rounds;

    /// <inheritdoc/>
    public void Dispose() => _wake.Dispose();

    /// <summary>Pages connected now.</summary>
    public int Clients => _clients.Count;

    /// <summary>Reads the sources while pages are open, until <paramref name="stopping"/>.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            if (_clients.IsEmpty)
            {
                try
                {
                    await _wake.WaitAsync(stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            try
            {
                await RoundAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // one failed round must not end the feed: the next one tries again
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.RoundFailed(logger, e);
            }

            try
            {
                await Task.Delay(refresh, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Streams the events to one page until it goes away or <paramref name="stopping"/>.</summary>
    public async Task ServeAsync(HttpContext context, CancellationToken stopping)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        var channel = Channel.CreateBounded<string>(
            new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true }
        );
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        _clients[channel] = 0;
        _wake.Release();
        try
        {
            // This run's CSRF token first: a page opened before the dashboard restarted gets the new one.
            await response.WriteAsync("retry: 2000\n\n" + Frame("hello", $"{{\"csrf\":\"{csrf}\"}}"), done.Token);
            foreach (var (name, data) in _latest)
            {
                await response.WriteAsync(Frame(name, data), done.Token);
            }

            await response.Body.FlushAsync(done.Token);
            using var heartbeat = new PeriodicTimer(TimeSpan.FromSeconds(15));
            var beat = heartbeat.WaitForNextTickAsync(done.Token).AsTask();
            while (!done.IsCancellationRequested)
            {
                var next = channel.Reader.WaitToReadAsync(done.Token).AsTask();
                if (await Task.WhenAny(next, beat) == beat)
                {
                    await response.WriteAsync(": keep-alive\n\n", done.Token);
                    beat = heartbeat.WaitForNextTickAsync(done.Token).AsTask();
                }

                while (channel.Reader.TryRead(out var frame))
                {
                    await response.WriteAsync(frame, done.Token);
                }

                await response.Body.FlushAsync(done.Token);
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { } // the page went away mid-write
        finally
        {
            _clients.TryRemove(channel, out _);
            if (_clients.IsEmpty)
            {
                _latest.Clear(); // the next page must not be shown what was true when the last one left
            }
        }
    }

    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        var round = _rounds++;
        var snapshot = await supervisor.StatusAsync(cancellationToken);
        var programs = ProgramsEvent.From(snapshot);
        Publish("programs", JsonSerializer.Serialize(programs, DashboardJson.Default.ProgramsEvent));

        // Logs every other round: they change less, and each tail is two requests to the daemon.
        if (snapshot.Error is null && round % 2 == 0)
        {
            var logs = new Dictionary<string, LogTail>(StringComparer.Ordinal);
            foreach (var program in snapshot.Programs)
            {
                logs[program.Name] = new LogTail(
                    await supervisor.LogsAsync(program.Name, stderr: false, LogLines, cancellationToken),
                    await supervisor.LogsAsync(program.Name, stderr: true, LogLines, cancellationToken)
                );
            }

            Publish("logs", JsonSerializer.Serialize(logs, DashboardJson.Default.DictionaryStringLogTail));
        }

        var versions = catalog.ExtGap.ToDictionary(b => b.Program, ExtGapRecords.VersionOf, StringComparer.Ordinal);
        Publish("extgap", JsonSerializer.Serialize(versions, DashboardJson.Default.DictionaryStringString));

        if (catalog.OrderFlow.Count > 0)
        {
            var statuses = new StringBuilder("{");
            foreach (var bot in catalog.OrderFlow)
            {
                var answer = await orderFlow.GetAsync(bot.ApiUrl, "status", cancellationToken);
                statuses
                    .Append(statuses.Length > 1 ? "," : "")
                    .Append(JsonSerializer.Serialize(bot.Program, DashboardJson.Default.String))
                    .Append(":{\"error\":")
                    .Append(
                        answer.Error is null
                            ? "null"
                            : JsonSerializer.Serialize(answer.Error, DashboardJson.Default.String)
                    )
                    .Append(",\"status\":")
                    .Append(answer.Json ?? "null")
                    .Append('}');
            }

            Publish("orderflow", statuses.Append('}').ToString(), always: true);
        }
    }

    /// <summary>Sends <paramref name="data"/> as event <paramref name="name"/> when it changed (or always).</summary>
    private void Publish(string name, string data, bool always = false)
    {
        if (!always && _latest.TryGetValue(name, out var previous) && previous == data)
        {
            return;
        }

        _latest[name] = data;
        var frame = Frame(name, data);
        foreach (var client in _clients.Keys)
        {
            client.Writer.TryWrite(frame);
        }
    }

    private static string Frame(string name, string data) => $"event: {name}\ndata: {data.ReplaceLineEndings(" ")}\n\n";

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "reading the sources failed; trying again")]
        public static partial void RoundFailed(ILogger logger, Exception exception);
    }
}

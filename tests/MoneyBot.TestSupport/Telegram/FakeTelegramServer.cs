using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MoneyBot.Common.Hosting;

namespace MoneyBot.TestSupport.Telegram;

/// <summary>
/// An in-process fake of the Telegram Bot API on loopback (Kestrel): answers
/// <c>/bot{token}/{method}</c> like Telegram would, records every request, long-polls getUpdates,
/// and fails, delays or rejects on command. Logs nothing.
/// </summary>
public sealed partial class FakeTelegramServer : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly HashSet<int> _handedOut = [];
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private TaskCompletionSource _recorded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private FakeTelegramServer() { }

    /// <summary>Base URL to give the client as its API URL (<c>http://127.0.0.1:port</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every message accepted through sendMessage (answered with 200), in arrival order.</summary>
    public Collector<SentMessage> Messages { get; } = Collector.Manual<SentMessage>();

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeTelegramServer> StartAsync()
    {
        var server = new FakeTelegramServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        // no Ctrl+C / SIGTERM handlers in the test process
        builder.Services.AddSingleton<IHostLifetime, InProcessLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        app.MapMethods("/bot{token}/{method}", ["GET", "POST"], server.HandleAsync);
        await app.StartAsync();
        var address = app
            .Services.GetRequiredService<IServer>()
            .Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        server._app = app;
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>The requests for one method so far.</summary>
    public IReadOnlyList<RecordedRequest> RequestsFor(string method) => [.. Requests.Where(r => r.Method == method)];

    /// <summary>
    /// The first request matching <paramref name="match"/> that no earlier call returned, waiting for it
    /// if needed (event-driven). Successive calls with the same match walk through the matches in order.
    /// </summary>
    public async Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                foreach (var r in _requests)
                {
                    if (!_handedOut.Contains(r.Sequence) && match(r))
                    {
                        _handedOut.Add(r.Sequence);
                        return r;
                    }
                }

                wait = _recorded.Task;
            }

            try
            {
                await wait.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"no matching request within {timeout ?? DefaultTimeout}; received: "
                        + string.Join(
                            "; ",
                            Requests.Select(r => $"{r.Method}({r.Status}) chat={r.ChatId} text={r.Text}")
                        )
                );
            }
        }
    }

    /// <summary>
    /// The next not yet returned request for <paramref name="method"/> that the server answered with 200.
    /// </summary>
    public Task<RecordedRequest> WaitForRequestAsync(string method, TimeSpan? timeout = null) =>
        WaitForRequestAsync(r => r.Method == method && r.Succeeded, timeout);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_app is not null)
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(bound.Token);
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
        await Messages.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var token = (string)http.GetRouteValue("token")!;
        var method = (string)http.GetRouteValue("method")!;
        var (fields, json, files) = await ReadParametersAsync(http.Request);
        var (status, canned, delay) = Decide(token, method, fields);
        lock (_gate)
        {
            _requests.Add(
                new RecordedRequest(_requests.Count, token, method, fields, json, files, DateTimeOffset.UtcNow, status)
            );
            _recorded.TrySetResult();
            _recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, aborted.Token); // a slow server, on purpose
            }

            var body = canned ?? await AnswerAsync(token, method, fields, aborted.Token);
            if (method == "sendMessage" && status == 200)
            {
                Messages.Add(
                    new SentMessage(
                        token,
                        fields.GetValueOrDefault("chat_id") ?? string.Empty,
                        fields.GetValueOrDefault("text") ?? string.Empty,
                        fields.GetValueOrDefault("parse_mode")
                    )
                );
            }

            http.Response.StatusCode = status;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(body, aborted.Token);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client gave up or the server is stopping: nobody is listening for the answer.
        }
    }

    private static async Task<(
        Dictionary<string, string> Fields,
        JsonElement? Json,
        List<RecordedFile> Files
    )> ReadParametersAsync(HttpRequest request)
    {
        var fields = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        var files = new List<RecordedFile>();
        JsonElement? json = null;
        if (request.HasJsonContentType())
        {
            using var doc = await JsonDocument.ParseAsync(request.Body);
            json = doc.RootElement.Clone();
            foreach (var p in json.Value.EnumerateObject())
            {
                fields[p.Name] =
                    p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }
        else if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var f in form)
            {
                fields[f.Key] = f.Value.ToString();
            }

            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer);
                files.Add(new RecordedFile(file.Name, file.FileName, buffer.ToArray()));
            }
        }

        return (fields, json, files);
    }

    private static string Envelope(JsonNode? result) =>
        new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString();
}

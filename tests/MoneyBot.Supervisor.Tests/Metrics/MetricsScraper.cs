using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MoneyBot.Supervisor.Tests.Metrics;

/// <summary>Scrapes a daemon's <c>/metrics</c> from outside, as Prometheus does, and reads the values.</summary>
internal sealed class MetricsScraper(int port) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public int Port => port;

    public Uri Url { get; } = new($"http://127.0.0.1:{port}/metrics");

    /// <summary>The body of one scrape (which must answer 200 with the exposition's content type).</summary>
    public async Task<string> TextAsync()
    {
        using var response = await _http.GetAsync(Url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return text;
    }

    /// <summary>One scrape as series (name with labels, as written) -> value.</summary>
    public async Task<Dictionary<string, double>> ValuesAsync() => Parse(await TextAsync());

    /// <summary>Scrapes until <paramref name="condition"/> holds (30 s at most); returns that scrape.</summary>
    public async Task<Dictionary<string, double>> WaitForAsync(
        Func<Dictionary<string, double>, bool> condition,
        string what
    )
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var last = new Dictionary<string, double>();
        while (!deadline.IsCancellationRequested)
        {
            last = await ValuesAsync();
            if (condition(last))
            {
                return last;
            }

            try
            {
                await Task.Delay(100, deadline.Token); // the next scrape: polling with a deadline
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException(
            $"{what}: not within 30 s; last scrape:\n"
                + string.Join("\n", last.Where(p => !p.Key.Contains("_state{", StringComparison.Ordinal)))
        );
    }

    /// <summary>Scrapes until one is answered 200 (30 s at most); while connections are at the cap: 503.</summary>
    public async Task WaitUntilServedAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await _http.GetAsync(Url, deadline.Token);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            await Task.Delay(100, deadline.Token); // the next try: polling with a deadline
        }
    }

    /// <summary>Sends <paramref name="request"/> as raw bytes; returns what the server sends until it closes.</summary>
    public async Task<string> RawAsync(string request, TimeSpan? timeout = null)
    {
        using var socket = await ConnectAsync();
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        return await ReadToEndAsync(socket, timeout ?? TimeSpan.FromSeconds(10));
    }

    public async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", port);
        return socket;
    }

    /// <summary>What the server sends until it closes the connection (a reset ends it too).</summary>
    public static async Task<string> ReadToEndAsync(Socket socket, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException) when (received.Length > 0)
        {
            // reset after the answer
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    public static Dictionary<string, double> Parse(string text) =>
        text.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .ToDictionary(
                l => l[..l.LastIndexOf(' ')],
                l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)
            );

    public void Dispose() => _http.Dispose();
}

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace MoneyBot.Dashboard.Tests;

/// <summary>
/// The dashboard executable on its own (no daemon): its options, its configuration errors, and who may use it —
/// loopback Host only, the token off loopback, CSRF on actions. Over real loopback HTTP.
/// </summary>
public sealed partial class DashboardProcessTests : IDisposable
{
    private static readonly string Executable = RepositoryLayout.Executable(
        "dashboard/MoneyBot.Dashboard",
        "dashboard"
    );
    private readonly TempDirectory _dir = new();
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public DashboardProcessTests()
    {
        Directory.CreateDirectory(_dir.File("config"));
        File.WriteAllText(
            _dir.File("config/moneybot.yaml"),
            "supervisor: { run_dir: run }\nprograms:\n  idle:\n    command: /bin/sleep\n    args: [\"1000\"]\n"
        );
    }

    public void Dispose()
    {
        _http.Dispose();
        _dir.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task Off_loopback_without_a_token_it_refuses_to_start()
    {
        var outcome = await ChildCommand.RunAsync(Executable, ["run", "--http", "http://0.0.0.0:18092", "-c", Config]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(
            "is not loopback: anyone who reaches it could stop your bots; give --token-file",
            outcome.Error
        );
    }

    [Fact(Timeout = 60_000)]
    public async Task A_token_file_others_can_read_or_a_short_token_is_refused()
    {
        var token = _dir.File("token");
        await File.WriteAllTextAsync(token, "0123456789abcdef0123\n");
        File.SetUnixFileMode(token, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var open = await ChildCommand.RunAsync(Executable, ["run", "--token-file", token, "-c", Config]);
        File.SetUnixFileMode(token, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(token, "short\n");
        var shortToken = await ChildCommand.RunAsync(Executable, ["run", "--token-file", token, "-c", Config]);

        Assert.Equal(2, open.ExitCode);
        Assert.Contains($"--token-file {token}: readable by others; make it private: chmod 600", open.Error);
        Assert.Equal(2, shortToken.ExitCode);
        Assert.Contains("the token has 5 characters; use at least 16", shortToken.Error);
        await File.WriteAllTextAsync(token, "abc+def/ghi=jkl+mno/pqr=\n");
        var base64 = await ChildCommand.RunAsync(Executable, ["run", "--token-file", token, "-c", Config]);
        Assert.Equal(2, base64.ExitCode);
        Assert.Contains("use letters, digits and - _ . ~ only", base64.Error);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_broken_configuration_is_refused_with_file_line_and_column()
    {
        await File.WriteAllTextAsync(Config, "programs:\n  a: { command: x, depends_on: [nope] }\n");

        var outcome = await ChildCommand.RunAsync(Executable, ["run", "-c", Config]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"{Config}:2:", outcome.Error);
        Assert.Contains("unknown program 'nope'", outcome.Error);
    }

    [Fact(Timeout = 60_000)]
    public async Task On_loopback_a_foreign_host_name_and_actions_without_the_page_s_csrf_token_are_refused()
    {
        var (url, dashboard) = await StartAsync();
        await using var _ = dashboard;

        using var rebound = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/api/catalog"));
        rebound.Headers.Host = "attacker.example";
        using var misdirected = await _http.SendAsync(rebound);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, misdirected.StatusCode);

        var page = await _http.GetStringAsync(url);
        var csrf = CsrfMeta().Match(page).Groups[1].Value;
        Assert.Equal(48, csrf.Length);

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(url, "/api/programs/idle/restart", null, null));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(url, "/api/programs/idle/restart", "wrong", null));
        Assert.Equal(
            HttpStatusCode.Forbidden,
            await PostAsync(url, "/api/programs/idle/restart", csrf, "http://attacker.example")
        );
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(url, "/api/programs/idle/explode", csrf, null));
        // The real request: it reaches the daemon, which is not running here, and says so.
        using var restart = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "/api/programs/idle/restart"));
        restart.Headers.Add("X-CSRF-Token", csrf);
        restart.Headers.Add("Origin", url.GetLeftPart(UriPartial.Authority));
        using var answer = await _http.SendAsync(restart);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Contains("the supervisor daemon is not running", await answer.Content.ReadAsStringAsync());

        using var get = await _http.GetAsync(new Uri(url, "/api/programs/idle/restart"));
        Assert.NotEqual(HttpStatusCode.OK, get.StatusCode); // actions are POSTs only
        Assert.Equal("DENY", (await _http.GetAsync(url)).Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact(Timeout = 60_000)]
    public async Task With_a_token_every_request_needs_it_and_opening_the_token_link_sets_a_strict_cookie()
    {
        var token = _dir.File("token");
        await File.WriteAllTextAsync(token, "s3cret-token-for-the-tests\n");
        File.SetUnixFileMode(token, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var (url, dashboard) = await StartAsync("--token-file", token);
        await using var _ = dashboard;

        using var anonymous = await _http.GetAsync(new Uri(url, "/api/catalog"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var page = await _http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.DoesNotContain("s3cret", await page.Content.ReadAsStringAsync());
        using var wrong = await _http.GetAsync(new Uri(url, "/?token=guess-guess-guess-guess"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        using var link = await _http.GetAsync(new Uri(url, "/?token=s3cret-token-for-the-tests"));
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        Assert.Equal("/", link.Headers.Location!.OriginalString);
        var cookie = link.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/api/catalog"));
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var allowed = await _http.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using var bearer = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/api/programs"));
        bearer.Headers.Add("Authorization", "Bearer s3cret-token-for-the-tests");
        using var programs = await _http.SendAsync(bearer);
        Assert.Equal(HttpStatusCode.OK, programs.StatusCode);
        Assert.Contains("\"daemon_up\":false", await programs.Content.ReadAsStringAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task Sources_that_are_down_or_answer_wrongly_come_back_as_errors_not_as_empty_data_that_looks_fine()
    {
        // An "order-flow API" that answers HTML, and an exchange address where nothing listens.
        await using var liar = await LiarAsync();
        var nothing = $"http://127.0.0.1:{LoopbackPort.Free()}";
        await File.WriteAllTextAsync(
            Config,
            $$"""
            supervisor: { run_dir: run }
            programs:
              eg:
                command: /opt/extgap
                args: [run, --timeframe, 3m, --rest-url, "{{nothing}}", --gaps-out, data/g.csv,
                       --trades-out, data/t.csv,
                       --state, data/s.json]
              of:
                command: /opt/orderflow
                args: [run, --symbols, "BTCUSDT", --rest-url, "{{nothing}}", --http, "{{liar.Url}}"]
            """
        );
        Directory.CreateDirectory(_dir.File("data"));
        await File.WriteAllTextAsync(_dir.File("data/s.json"), "{ torn");
        var (url, dashboard) = await StartAsync();
        await using var _ = dashboard;

        using var extGap = JsonDocument.Parse(await _http.GetStringAsync(new Uri(url, "/api/extgap/eg")));
        var eg = extGap.RootElement;
        Assert.Equal(0, eg.GetProperty("candles").GetArrayLength());
        Assert.StartsWith($"no candles from the exchange at {nothing}", eg.GetProperty("candles_error").GetString());
        Assert.Contains(eg.GetProperty("problems").EnumerateArray(), p =>
            p.GetString()!.StartsWith(_dir.File("data/s.json") + ": not a state file", StringComparison.Ordinal)
        );

        using var flow = JsonDocument.Parse(await _http.GetStringAsync(new Uri(url, "/api/orderflow/btcusdt")));
        var of = flow.RootElement;
        Assert.Equal(JsonValueKind.Null, of.GetProperty("metrics").ValueKind);
        Assert.Contains("with something that is not JSON", of.GetProperty("metrics_error").GetString());
        Assert.Equal(JsonValueKind.Null, of.GetProperty("series").ValueKind);
        Assert.NotNull(of.GetProperty("candles_error").GetString());
        using var unknown = await _http.GetAsync(new Uri(url, "/api/orderflow/DOGEUSDT"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var badBucket = await _http.GetAsync(new Uri(url, "/api/orderflow/BTCUSDT?bucket=7s"));
        Assert.Equal(HttpStatusCode.BadRequest, badBucket.StatusCode);
    }

    private string Config => _dir.File("config/moneybot.yaml");

    /// <summary>A server that answers every request with an HTML page and status 200.</summary>
    private static async Task<Liar> LiarAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(context => context.Response.WriteAsync("<html>maintenance</html>"));
        await app.StartAsync();
        return new Liar(app);
    }

    private sealed class Liar(WebApplication app) : IAsyncDisposable
    {
        public Uri Url { get; } = new(app.Urls.First());

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    private async Task<(Uri Url, RunningChild Process)> StartAsync(params string[] more)
    {
        var url = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var child = RunningChild.Start(Executable, ["run", "--http", url.ToString(), "-c", Config, .. more]);
        await child.Output.WaitForAsync(line => line.Contains("dashboard: serving", StringComparison.Ordinal));
        return (url, child);
    }

    private async Task<HttpStatusCode> PostAsync(Uri url, string path, string? csrf, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, path));
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrf);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([0-9A-F]+)\">")]
    private static partial Regex CsrfMeta();
}

using System.Globalization;
using System.Text.Json;
using MoneyBot.Dashboard.Tests.Infrastructure;
using MoneyBot.Supervisor.Supervision;
using OpenQA.Selenium;

namespace MoneyBot.Dashboard.Tests;

/// <summary>
/// The dashboard in a real browser (headless Chromium) over the real system: programs, actions, a killed and a
/// stopped bot, the ext-gap chart against the bot's gaps file, the order-flow page against the order-flow API.
/// Each test leaves a screenshot in <c>artifacts/screenshots/</c>.
/// </summary>
[Collection(RunningSystem.Name)]
public sealed class BrowserTests(SystemRig system, Browser browser) : IClassFixture<Browser>, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose() => _http.Dispose();

    [Fact(Timeout = 120_000)]
    public async Task The_programs_page_lists_every_program_with_its_daemon_state()
    {
        await system.WaitAllRunningAsync(Wait);
        await ShowAsync("programs", "programs", async () =>
        {
            await Eventually.ValueAsync(
                system.StatusesAsync,
                daemon =>
                    browser.All("#programs tbody tr").Count == daemon.Count
                    && daemon.All(s => RowState(s.Name) == s.State.Label()),
                Wait,
                "a row per program with the daemon's state"
            );
            Assert.Equal("live", browser.Attribute("#connection", "data-state"));
            Assert.Equal(
                (await system.StatusAsync("exchange")).Pid.ToString(),
                browser.Attribute("tr[data-program='exchange']", "data-pid")
            );
        });
    }

    [Fact(Timeout = 180_000)]
    public async Task Restart_asks_for_confirmation_then_gives_the_program_a_new_pid()
    {
        await system.WaitAllRunningAsync(Wait);
        await ShowAsync("programs", "restart", async () =>
        {
            await Eventually.TrueAsync(() => RowState("orderflow") == "RUNNING", Wait, "orderflow RUNNING");
            var before = (await system.StatusAsync("orderflow")).Pid;

            // Cancel first: nothing happens.
            Click("tr[data-program='orderflow'] button[data-action='restart']");
            await Eventually.TrueAsync(() => browser.Driver.FindElement(By.Id("confirm")).Displayed, Wait, "dialog");
            Assert.Contains("restart orderflow", browser.Text("#confirm-text"), StringComparison.Ordinal);
            Click("#confirm-no");
            Assert.False(browser.Driver.FindElement(By.Id("confirm")).Displayed);

            Click("tr[data-program='orderflow'] button[data-action='restart']");
            await Eventually.TrueAsync(() => browser.Driver.FindElement(By.Id("confirm")).Displayed, Wait, "dialog");
            Click("#confirm-yes");
            await Eventually.TrueAsync(
                () => browser.Attribute("#action-result", "data-ok") == "true",
                TimeSpan.FromSeconds(90),
                "the restart's answer"
            );
            Assert.NotEqual(before, (await system.StatusAsync("orderflow")).Pid);
            var now = (await system.StatusAsync("orderflow")).Pid.ToString();
            await Eventually.TrueAsync(
                () =>
                    RowState("orderflow") == "RUNNING"
                    && browser.Attribute("tr[data-program='orderflow']", "data-pid") == now,
                Wait,
                "the row shows the new pid"
            );
            Assert.NotEqual(before, (await system.StatusAsync("orderflow")).Pid);
            Assert.Contains("restart orderflow:", browser.Text("#action-result"), StringComparison.Ordinal);
        });
    }

    [Fact(Timeout = 180_000)]
    public async Task A_killed_bot_turns_to_backoff_then_running_on_the_page_without_a_reload()
    {
        await system.WaitAllRunningAsync(Wait);
        await ShowAsync("programs", "killed-bot", async () =>
        {
            const string Bot = SystemRig.ExtGapProgram;
            await Eventually.TrueAsync(() => RowState(Bot) == "RUNNING", Wait, Bot + " RUNNING");
            // Every state the row takes, and a mark that is lost if the page reloads.
            browser.Script(
                """
                window.__sameLoad = true;
                window.__states = [];
                const seen = () => {
                  const row = document.querySelector("tr[data-program='" + arguments[0] + "']");
                  const s = row && row.dataset.state;
                  if (s && window.__states[window.__states.length - 1] !== s) window.__states.push(s);
                };
                new MutationObserver(seen).observe(document.getElementById("programs"),
                  { attributes: true, subtree: true, childList: true });
                seen();
                return null;
                """,
                Bot
            );
            var status = await system.StatusAsync(Bot);
            var (before, restarts) = (status.Pid!.Value, status.Restarts);
            using (var process = System.Diagnostics.Process.GetProcessById(before))
            {
                process.Kill(); // SIGKILL
            }

            await Eventually.TrueAsync(
                () =>
                    RowState(Bot) == "RUNNING"
                    && browser.Attribute($"tr[data-program='{Bot}']", "data-pid") is { Length: > 0 } pid
                    && pid != before.ToString(CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(90),
                "the row RUNNING again with a new pid"
            );
            var states = ((IEnumerable<object>)browser.Script("return window.__states;")!).Cast<string>().ToList();
            Assert.True(browser.Script("return window.__sameLoad === true;") is true, "the page was reloaded");
            Assert.Contains("BACKOFF", states);
            Assert.Equal("RUNNING", states[^1]);
            var after = await system.StatusAsync(Bot);
            Assert.True(after.Restarts > restarts);
            Assert.Equal(
                after.Restarts.ToString(CultureInfo.InvariantCulture),
                browser.Text($"tr[data-program='{Bot}'] .col-restarts")
            );
        });
    }

    [Fact(Timeout = 240_000)]
    public async Task The_ext_gap_chart_draws_a_marker_and_a_level_for_each_row_of_the_gaps_file_in_view()
    {
        await system.WaitAllRunningAsync(Wait);
        // At 60x a 1m candle closes every second: gaps come within a minute or two.
        await Eventually.TrueAsync(() => GapBars().Count >= 2, TimeSpan.FromSeconds(150), "two gaps in the file");
        await ShowAsync("extgap/" + SystemRig.ExtGapProgram, "extgap", async () =>
        {
            var (page, expected) = await Eventually.ValueAsync(
                () =>
                {
                    var page = browser.Page();
                    if (
                        page.ValueKind != JsonValueKind.Object
                        || page.GetProperty("visibleFrom").ValueKind is not JsonValueKind.Number
                    )
                    {
                        return Task.FromResult((page, -1));
                    }

                    var (from, to) = (
                        page.GetProperty("visibleFrom").GetInt64(),
                        page.GetProperty("visibleTo").GetInt64()
                    );
                    return Task.FromResult((page, GapBars().Count(bar => bar >= from && bar <= to)));
                },
                r =>
                    r.Item2 >= 1
                    && r.page.GetProperty("gapMarkersInRange").GetInt32() == r.Item2
                    && r.page.GetProperty("gapLevelsInRange").GetInt32() == r.Item2
                    && r.page.GetProperty("health").GetString() == "ok",
                Wait,
                "gap markers and levels in view equal to the file's rows in view, the bot healthy"
            );
            Assert.True(page.GetProperty("candles").GetInt32() > 100);
            Assert.Equal(JsonValueKind.Null, page.GetProperty("candlesError").ValueKind);
            Assert.True(expected >= 1);
        });
    }

    [Fact(Timeout = 180_000)]
    public async Task The_order_flow_page_shows_the_api_s_delta_and_a_frozen_feed_as_stale()
    {
        await system.WaitAllRunningAsync(Wait);
        await ShowAsync("orderflow/BTCUSDT", "orderflow", async () =>
        {
            await Eventually.TrueAsync(
                () =>
                    browser.Page() is { ValueKind: JsonValueKind.Object } p
                    && p.GetProperty("health").GetString() == "ok"
                    && p.GetProperty("deltaBars").GetInt32() > 0,
                Wait,
                "the order-flow page live"
            );
            Assert.Equal("false", browser.Attribute("#of-stale", "data-stale"));
            // The market stands still: the bot's "now" stays at its last trade until it goes stale.
            await PostAsync(new Uri(system.Exchange, "/sim/faults/freeze?seconds=90"));
            try
            {
                var (api, pageDelta) = await Eventually.ValueAsync(
                    async () =>
                    {
                        var api = await GetJsonAsync(new Uri(system.OrderFlowApi, "/metrics/BTCUSDT?window=60s"));
                        var page = browser.Page();
                        var same =
                            page.GetProperty("timeMs").ValueKind == JsonValueKind.Number
                            && page.GetProperty("timeMs").GetInt64() == api.GetProperty("time_ms").GetInt64()
                            && !api.GetProperty("stale").GetBoolean();
                        return (api, same ? browser.Text("#of-delta .value") : null);
                    },
                    r => r.Item2 is not null,
                    TimeSpan.FromSeconds(20),
                    "the page and the API at the same moment"
                );
                Assert.Equal(
                    api.GetProperty("windows")[0].GetProperty("delta_qty").GetDecimal(),
                    decimal.Parse(pageDelta!, NumberStyles.Float, CultureInfo.InvariantCulture)
                );
                Assert.Equal("60s", browser.Attribute("#of-delta", "data-window"));

                await Eventually.TrueAsync(
                    () =>
                        browser.Attribute("#of-stale", "data-stale") == "true"
                        && browser.Attribute("#flow-health", "data-health") == "stale",
                    SystemRig.FlowStaleAfter + Wait,
                    "the page shows the feed stale"
                );
                Assert.Contains("STALE", browser.Text("#flow-health"), StringComparison.Ordinal);
            }
            finally
            {
                await PostAsync(new Uri(system.Exchange, "/sim/faults/freeze?seconds=0"));
            }
        });
    }

    [Fact(Timeout = 240_000)]
    public async Task A_bot_stopped_from_the_page_shows_as_down_on_its_chart_page_until_started_again()
    {
        const string Bot = SystemRig.ExtGapProgram;
        await system.WaitAllRunningAsync(Wait);
        await ShowAsync("programs", "stopped-bot", async () =>
        {
            await Eventually.TrueAsync(() => RowState(Bot) == "RUNNING", Wait, Bot + " RUNNING");
            await ActAsync(Bot, "stop");
            await Eventually.TrueAsync(() => RowState(Bot) == "STOPPED", Wait, Bot + " STOPPED on the page");
            Assert.Equal(ProgramState.Stopped, (await system.StatusAsync(Bot)).State);

            browser.Open(new Uri(system.Dashboard, "/#/extgap/" + Bot));
            await Eventually.TrueAsync(
                () => browser.Attribute("#bot-health", "data-health") == "down",
                Wait,
                "the chart page says the bot is down"
            );
            Assert.Contains("STOPPED", browser.Text("#bot-health"), StringComparison.Ordinal);
            browser.Screenshot("stopped-bot-chart");

            browser.Open(new Uri(system.Dashboard, "/#/programs"));
            await Eventually.TrueAsync(() => RowState(Bot) == "STOPPED", Wait, "programs page");
            await ActAsync(Bot, "start");
            await Eventually.TrueAsync(() => RowState(Bot) == "RUNNING", Wait, Bot + " RUNNING again");
        });
        await system.WaitAllRunningAsync(Wait);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_daemon_that_stops_answering_shows_as_such_instead_of_its_last_states_looking_live()
    {
        await system.WaitAllRunningAsync(Wait);
        await ShowAsync("extgap/" + SystemRig.ExtGapProgram, "hung-daemon", async () =>
        {
            await Eventually.TrueAsync(
                () => browser.Attribute("#bot-health", "data-health") == "ok",
                Wait,
                "the bot's page healthy"
            );
            await system.SignalDaemonAsync("STOP"); // it still accepts connections, and answers none
            try
            {
                await Eventually.TrueAsync(
                    () =>
                        browser.Attribute("#bot-health", "data-health") == "down"
                        && browser.Text("#daemon-banner") is { } text
                        && text.Contains("did not answer within 5 s", StringComparison.Ordinal),
                    Wait,
                    "the page says the daemon does not answer"
                );
                browser.Screenshot("hung-daemon-banner");
            }
            finally
            {
                await system.SignalDaemonAsync("CONT");
            }

            await Eventually.TrueAsync(
                () =>
                    browser.Attribute("#bot-health", "data-health") == "ok"
                    && browser.Attribute("#daemon-banner", "hidden") is not null,
                Wait,
                "the page healthy again"
            );
        });
    }

    private async Task ShowAsync(string route, string screenshot, Func<Task> test)
    {
        browser.Open(new Uri("about:blank")); // a fresh page: nothing carried over from the test before
        browser.Open(new Uri(system.Dashboard, "/#/" + route));
        try
        {
            await test();
            var errors = browser.Script("return window.mbDashboard.errors().join('\\n');") as string;
            Assert.True(string.IsNullOrEmpty(errors), "script errors in the page: " + errors);
        }
        finally
        {
            browser.Screenshot(screenshot);
        }
    }

    private async Task ActAsync(string program, string action)
    {
        Click($"tr[data-program='{program}'] button[data-action='{action}']");
        await Eventually.TrueAsync(() => browser.Driver.FindElement(By.Id("confirm")).Displayed, Wait, "dialog");
        Click("#confirm-yes");
        await Eventually.TrueAsync(
            () =>
                browser.Text("#action-result") is { } text
                && text.StartsWith($"{action} {program}:", StringComparison.Ordinal),
            TimeSpan.FromSeconds(90),
            $"the answer to {action} {program}"
        );
        Assert.Equal("true", browser.Attribute("#action-result", "data-ok"));
    }

    private string? RowState(string program) => browser.Attribute($"tr[data-program='{program}']", "data-state");

    private void Click(string css) => browser.Driver.FindElement(By.CssSelector(css)).Click();

    /// <summary>The detection bars (open times, Unix seconds) of the gaps file's complete rows.</summary>
    private List<long> GapBars()
    {
        if (!File.Exists(system.GapsPath))
        {
            return [];
        }

        var text = File.ReadAllText(system.GapsPath);
        return
        [
            .. text[..(text.LastIndexOf('\n') + 1)]
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Skip(1)
                .Select(line =>
                    DateTimeOffset.Parse(line.Split(',')[5], CultureInfo.InvariantCulture).ToUnixTimeSeconds() / 60 * 60
                ),
        ];
    }

    private async Task PostAsync(Uri url)
    {
        using var response = await _http.PostAsync(url, null);
        response.EnsureSuccessStatusCode();
    }

    private async Task<JsonElement> GetJsonAsync(Uri url)
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync(url));
        return document.RootElement.Clone();
    }
}

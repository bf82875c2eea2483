using System.Net;
using System.Text.Json;
using MoneyBot.ExchangeSim.Hosting;

namespace MoneyBot.Bots.Tests.ExchangeSim;

/// <summary>
/// Starts small simulated exchanges on a manual clock: seed 7, 60x, one hour of history before 2024-03-01T01:00Z.
/// </summary>
internal static class TestExchange
{
    public static DateTimeOffset Start { get; } = new(2024, 3, 1, 1, 0, 0, TimeSpan.Zero);

    /// <summary>Real time between market steps (the default tick).</summary>
    public static TimeSpan Tick { get; } = TimeSpan.FromMilliseconds(100);

    public static SimulatorOptions Options(TestClock clock) =>
        new()
        {
            Start = Start,
            History = TimeSpan.FromHours(1),
            Seed = 7,
            Speed = 60,
            TimeProvider = clock,
        };

    public static Task<SimulatedExchangeHost> StartAsync(
        TestClock clock,
        Func<SimulatorOptions, SimulatorOptions>? configure = null
    ) => SimulatedExchangeHost.StartAsync(configure is null ? Options(clock) : configure(Options(clock)));

    /// <summary>
    /// Advances the real clock by <paramref name="steps"/> ticks and waits until the market has caught up.
    /// </summary>
    public static async Task AdvanceAsync(this SimulatedExchangeHost host, TestClock clock, int steps = 1)
    {
        clock.Advance(Tick * steps);
        await host.WaitForMarketTimeAsync(host.Now).WaitAsync(TimeSpan.FromSeconds(5));
    }

    public static HttpClient Http(this SimulatedExchangeHost host) => new() { BaseAddress = host.BaseUrl };

    /// <summary>GETs <paramref name="path"/>, checks the status (body in the message), parses the JSON.</summary>
    public static async Task<JsonElement> GetJsonAsync(
        this HttpClient http,
        string path,
        HttpStatusCode expected = HttpStatusCode.OK
    )
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}

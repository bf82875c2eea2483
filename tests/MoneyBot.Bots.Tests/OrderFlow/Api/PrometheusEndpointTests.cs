using System.Globalization;
using System.Text.RegularExpressions;
using MoneyBot.MarketData.Streams;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.Bots.Tests.OrderFlow.Api;

public sealed partial class PrometheusEndpointTests
{
    /// <summary>A sample line of the text format 0.0.4: <c>name{label="value",...} value</c>.</summary>
    [GeneratedRegex(
        """^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)"""
            + """(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\\\|\\"|\\n)*",?)*)\})? (?<value>\S+)$"""
    )]
    private static partial Regex SampleLine();

    private static async Task<(string ContentType, List<string> Lines)> ScrapeAsync(ApiRig rig)
    {
        using var response = await rig.Http.GetAsync(new Uri("metrics", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return (response.Content.Headers.ContentType!.ToString(), [.. text.TrimEnd('\n').Split('\n')]);
    }

    private static Dictionary<string, string> Samples(List<string> lines) =>
        lines
            .Where(l => !l.StartsWith('#'))
            .ToDictionary(l => l[..l.LastIndexOf(' ')], l => l[(l.LastIndexOf(' ') + 1)..]);

    [Fact(Timeout = 30_000)]
    public async Task Every_line_is_a_help_a_type_or_a_parsable_sample_of_a_declared_family()
    {
        // Arrange
        await using var rig = await ApiRig.StartAsync("BTCUSDT", "ETHUSDT");
        rig.Feed.Buy(0, 65000m, 1m).Buy(20, 65000m, 2.5m);

        // Act
        var (contentType, lines) = await ScrapeAsync(rig);

        // Assert
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", contentType);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                current = line.Split(' ')[2];
                Assert.True(declared.Add(current), $"family declared twice: {line}");
            }
            else if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                Assert.Matches("^# TYPE " + current + " (gauge|counter)$", line);
            }
            else
            {
                var match = SampleLine().Match(line);
                Assert.True(match.Success, $"not a sample line: {line}");
                Assert.Equal(current, match.Groups["name"].Value);
                var value = match.Groups["value"].Value;
                Assert.True(
                    value is "+Inf" or "-Inf" or "NaN"
                        || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
                    $"bad value: {line}"
                );
            }
        }

        Assert.Contains("orderflow_missed_trades_total", declared);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_samples_carry_the_figures_with_infinity_for_a_pressure_without_sells()
    {
        // Arrange
        await using var rig = await ApiRig.StartAsync("BTCUSDT", "ETHUSDT");
        rig.Feed.Buy(0, 65000m, 1m).Miss(2).Buy(20, 65000m, 2.5m);

        // Act
        var samples = Samples((await ScrapeAsync(rig)).Lines);

        // Assert
        Assert.Equal("3.5", samples["orderflow_delta{symbol=\"BTCUSDT\",window=\"30s\"}"]);
        Assert.Equal("0", samples["orderflow_window_covered{symbol=\"BTCUSDT\",window=\"30s\"}"]);
        Assert.Equal("+Inf", samples["orderflow_pressure{symbol=\"BTCUSDT\"}"]);
        Assert.Equal("NaN", samples["orderflow_pressure{symbol=\"ETHUSDT\"}"]);
        Assert.Equal("3.5", samples["orderflow_cvd{symbol=\"BTCUSDT\"}"]);
        Assert.Equal("NaN", samples["orderflow_cvd_slope{symbol=\"BTCUSDT\"}"]);
        Assert.Equal("2", samples["orderflow_trades_total{symbol=\"BTCUSDT\"}"]);
        Assert.Equal("2", samples["orderflow_missed_trades_total{symbol=\"BTCUSDT\"}"]);
        Assert.Equal("1", samples["orderflow_whales{symbol=\"BTCUSDT\",tier=\"medium\",window=\"300s\"}"]);
        Assert.Equal("0", samples["orderflow_whales{symbol=\"BTCUSDT\",tier=\"large\",window=\"300s\"}"]);
        Assert.Equal("1", samples["orderflow_whales{symbol=\"BTCUSDT\",tier=\"small\",window=\"300s\"}"]);
        Assert.Equal("0", samples["orderflow_feed_stale{symbol=\"BTCUSDT\"}"]);
        Assert.Equal("1", samples["orderflow_feed_stale{symbol=\"ETHUSDT\"}"]);
        Assert.Equal("0", samples["orderflow_feed_lag_seconds{symbol=\"BTCUSDT\"}"]);
        Assert.Equal("0", samples["orderflow_zones_active{symbol=\"BTCUSDT\"}"]);
        Assert.Equal("2", samples["orderflow_stream_reconnects_total{stream=\"trades\"}"]);
        Assert.Equal("1", samples["orderflow_stream_connected{stream=\"trades\"}"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Label_values_are_escaped()
    {
        // Arrange
        await using var rig = await ApiRig.StartAsync();
        rig.Streams.Add(
            new StreamReport(
                "odd \"name\"\\with\nbreak",
                new Uri("ws://127.0.0.1:1/ws"),
                new StreamStatus { Reconnects = 7 }
            )
        );

        // Act
        var (_, lines) = await ScrapeAsync(rig);

        // Assert
        Assert.Contains("orderflow_stream_reconnects_total{stream=\"odd \\\"name\\\"\\\\with\\nbreak\"} 7", lines);
        Assert.All(lines.Where(l => !l.StartsWith('#')), l => Assert.Matches(SampleLine(), l));
    }
}

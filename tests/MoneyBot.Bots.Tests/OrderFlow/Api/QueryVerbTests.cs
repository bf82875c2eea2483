using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MoneyBot.OrderFlow.Cli;

namespace MoneyBot.Bots.Tests.OrderFlow.Api;

public sealed class QueryVerbTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand { QueryVerb.Create(output, error) };
        var parsed = root.Parse(args);
        Assert.Empty(parsed.Errors);
        var code = await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact(Timeout = 30_000)]
    public async Task Query_status_prints_the_apis_json_indented_and_exits_0()
    {
        // Arrange
        await using var rig = await ApiRig.StartAsync();
        rig.Feed.Buy(0, 65000m, 1m);

        // Act
        var (code, output, error) = await RunAsync("query", "status", "--url", rig.Host.BaseUrl.ToString());

        // Assert
        Assert.Equal((0, string.Empty), (code, error));
        Assert.Contains("\n  \"bot\": \"orderflow\",\n", output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(output);
        Assert.Equal("BTCUSDT", document.RootElement.GetProperty("symbols")[0].GetProperty("symbol").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Query_metrics_passes_the_symbol_and_window_and_keeps_decimals_exact()
    {
        // Arrange
        await using var rig = await ApiRig.StartAsync();
        rig.Feed.Buy(0, 65000m, 1.250m).Sell(50, 65000m, 0.5m);

        // Act
        var (code, output, _) = await RunAsync(
            "query",
            "metrics",
            "--symbol",
            "btcusdt",
            "--window",
            "45s",
            "--url",
            rig.Host.BaseUrl.ToString()
        );

        // Assert
        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(output);
        var window = Assert.Single(document.RootElement.GetProperty("windows").EnumerateArray());
        Assert.Equal(
            ("45s", -0.5m),
            (window.GetProperty("window").GetString(), window.GetProperty("delta_qty").GetDecimal())
        );
        Assert.Equal("0.750", document.RootElement.GetProperty("cvd").GetProperty("value").GetRawText());
    }

    [Fact(Timeout = 30_000)]
    public async Task Query_conditions_passes_the_name_price_and_tolerance()
    {
        // Arrange
        await using var rig = await ApiRig.StartAsync();
        rig.Feed.SupportZoneAt65000();

        // Act
        var (code, output, _) = await RunAsync(
            "query",
            "conditions",
            "--name",
            "avoid_absorption_zones",
            "--price",
            "65100",
            "--tolerance",
            "100",
            "--url",
            rig.Host.BaseUrl.ToString()
        );

        // Assert
        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(output);
        var only = Assert.Single(document.RootElement.GetProperty("conditions").EnumerateArray());
        Assert.Equal(
            ("avoid_absorption_zones", "false"),
            (only.GetProperty("name").GetString(), only.GetProperty("value").GetString())
        );
        Assert.Equal(100m, document.RootElement.GetProperty("tolerance").GetDecimal());
    }

    [Fact(Timeout = 30_000)]
    public async Task Query_series_passes_the_symbol_bucket_and_bars()
    {
        // Arrange
        await using var rig = await ApiRig.StartAsync();
        rig.Feed.Buy(0, 65000m, 1m).Sell(70, 65000m, 0.25m).Buy(130, 65000m, 0.5m);

        // Act
        var (code, output, error) = await RunAsync(
            "query",
            "series",
            "--symbol",
            "btcusdt",
            "--bucket",
            "5m",
            "--bars",
            "2",
            "--url",
            rig.Host.BaseUrl.ToString()
        );

        // Assert
        Assert.Equal((0, string.Empty), (code, error));
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal(("300s", 3), (root.GetProperty("bucket").GetString(), root.GetProperty("delta").GetArrayLength()));
        Assert.Equal(
            [0.75m, 1.25m],
            root.GetProperty("cvd_bars").EnumerateArray().Select(b => b.GetProperty("close").GetDecimal())
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task An_error_from_the_api_is_printed_with_what_it_accepts_and_exits_1()
    {
        // Arrange
        await using var rig = await ApiRig.StartAsync();

        // Act
        var (code, output, error) = await RunAsync(
            "query",
            "metrics",
            "--symbol",
            "XRPUSDT",
            "--url",
            rig.Host.BaseUrl.ToString()
        );

        // Assert
        Assert.Equal((1, string.Empty), (code, output));
        Assert.Equal(
            "orderflow query: unknown symbol 'XRPUSDT': this bot does not follow it (accepted: symbols BTCUSDT)"
                + Environment.NewLine,
            error
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task A_closed_port_means_no_bot_answers_and_exits_1()
    {
        // Arrange
        var url = $"http://127.0.0.1:{ClosedPort()}/";

        // Act
        var (code, output, error) = await RunAsync("query", "status", "--url", url);

        // Assert
        Assert.Equal((1, string.Empty), (code, output));
        Assert.StartsWith(
            $"orderflow query: no order-flow bot answers at {url}: is it running? (./moneybot status orderflow)",
            error,
            StringComparison.Ordinal
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task An_option_that_does_not_apply_to_the_question_is_a_usage_error()
    {
        // Act
        var (code, _, error) = await RunAsync(
            "query",
            "status",
            "--price",
            "65000",
            "--url",
            $"http://127.0.0.1:{ClosedPort()}/"
        );

        // Assert
        Assert.Equal(2, code);
        Assert.Contains("--price does not apply to status", error, StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("metrics", "--bars", "5")]
    [InlineData("conditions", "--bucket", "10s")]
    [InlineData("series", "--window", "30s")]
    [InlineData("series", "--price", "65000")]
    public async Task A_series_option_elsewhere_or_another_option_with_series_is_a_usage_error(
        string what,
        string option,
        string value
    )
    {
        // Act
        var (code, _, error) = await RunAsync(
            "query",
            what,
            option,
            value,
            "--url",
            $"http://127.0.0.1:{ClosedPort()}/"
        );

        // Assert
        Assert.Equal(2, code);
        Assert.Contains($"orderflow query {what}: {option} does not apply to {what}", error, StringComparison.Ordinal);
    }
}

using System.Net;

namespace MoneyBot.Supervisor.Tests.Config;

/// <summary><c>supervisor.metrics</c>: where the daemon serves Prometheus metrics, or off.</summary>
public sealed class MetricsConfigTests : IDisposable
{
    private const string Programs = "programs:\n  bot:\n    command: bot\n";
    private readonly ConfigFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("127.0.0.1:9109", "127.0.0.1", 9109)]
    [InlineData("\"[::1]:9109\"", "::1", 9109)]
    [InlineData("'[::1]:65535'", "::1", 65535)]
    [InlineData("0.0.0.0:1", "0.0.0.0", 1)]
    [InlineData(" 10.0.0.5:9109 ", "10.0.0.5", 9109)]
    [InlineData("${METRICS_AT}", "127.0.0.1", 9200)]
    public void An_address_and_port_turn_metrics_on(string value, string address, int port)
    {
        var config = _fixture.LoadValid(
            $"supervisor:\n  metrics: {value}\n{Programs}",
            new Dictionary<string, string> { ["METRICS_AT"] = "127.0.0.1:9200" }
        );

        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), config.Daemon.Metrics);
    }

    [Theory]
    [InlineData("supervisor:\n  run_dir: run\n")]
    [InlineData("supervisor:\n  metrics:\n")]
    [InlineData("supervisor:\n  metrics: \"\"\n")]
    [InlineData("supervisor:\n  metrics: off\n")]
    [InlineData("supervisor:\n  metrics: OFF\n")]
    public void Metrics_are_off_by_default_and_when_empty_or_off(string yaml)
    {
        var config = _fixture.LoadValid(yaml + Programs);

        Assert.Null(config.Daemon.Metrics);
    }

    [Theory]
    [InlineData("9109", 12, "found '9109'; did you mean '127.0.0.1:9109'?")]
    [InlineData("localhost:9109", 12, "found 'localhost:9109'; did you mean '127.0.0.1:9109'?")]
    [InlineData("\"::1:9109\"", 12, "found '::1:9109'")]
    [InlineData("\"::1\"", 12, "found '::1'")]
    [InlineData("\"fe80::1:9109\"", 12, "found 'fe80::1:9109'")]
    [InlineData("127.0.0.1:0", 12, "found '127.0.0.1:0'")]
    [InlineData("127.0.0.1:65536", 12, "found '127.0.0.1:65536'")]
    [InlineData("\"127.0.0.1:\"", 12, "found '127.0.0.1:'")]
    [InlineData("127.0.0.1:+80", 12, "found '127.0.0.1:+80'")]
    [InlineData("127.1:9109", 12, "found '127.1:9109'")]
    [InlineData("\"[::1]9109\"", 12, "found '[::1]9109'")]
    [InlineData("\"[127.0.0.1]:9109\"", 12, "found '[127.0.0.1]:9109'")]
    [InlineData("on", 12, "expected host:port such as 127.0.0.1:9109, [::1]:9109 or 0.0.0.0:9109, or off, found 'on'")]
    [InlineData("{ port: 9109 }", 12, "expected a text value, found a mapping")]
    [InlineData("[9109]", 12, "found a list (put an IPv6 address in quotes: \"[::1]:9109\")")]
    public void A_bad_value_is_an_error_at_its_position(string value, int column, string message)
    {
        var errors = _fixture.LoadInvalid($"supervisor:\n  run_dir: run\n  metrics: {value}\n{Programs}");

        ConfigAssert.Single(errors, 3, column, "supervisor.metrics", message);
        Assert.Equal(_fixture.ConfigPath, errors[0].File);
    }

    [Fact]
    public void A_misspelt_key_suggests_metrics()
    {
        var errors = _fixture.LoadInvalid($"supervisor:\n  metric: 127.0.0.1:9109\n{Programs}");

        ConfigAssert.Single(errors, 2, 3, "supervisor.metric", "unknown key 'metric'; did you mean 'metrics'?");
    }

    [Theory]
    [InlineData("0.0.0.0:9109", true)]
    [InlineData("\"[::]:9109\"", true)]
    [InlineData("127.0.0.1:9109", false)]
    [InlineData("\"[::1]:9109\"", false)]
    public void Metrics_beyond_loopback_are_accepted_with_a_warning(string value, bool warned)
    {
        var config = _fixture.LoadValid($"supervisor:\n  metrics: {value}\n{Programs}");

        Assert.Equal(warned, config.Warnings().Any(w => w.Contains("no authentication", StringComparison.Ordinal)));
    }
}

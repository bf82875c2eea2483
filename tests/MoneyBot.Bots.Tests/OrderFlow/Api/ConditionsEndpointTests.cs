using System.Net;

namespace MoneyBot.Bots.Tests.OrderFlow.Api;

public sealed class ConditionsEndpointTests
{
    [Fact(Timeout = 30_000)]
    public async Task Conditions_answer_every_condition_with_a_value_a_reason_and_figures()
    {
        // Arrange: a support zone at 65000-65010 after 63 s of trades: delta over 60 s is known, over 300 s not.
        await using var rig = await ApiRig.StartAsync();
        rig.Feed.SupportZoneAt65000();

        // Act
        var answer = await rig.GetJsonAsync("conditions/BTCUSDT?window=60s&price=65012");

        // Assert
        Assert.Equal(
            ("60s", 65012m, 20m),
            (
                answer.GetProperty("window").GetString(),
                answer.GetProperty("price").GetDecimal(),
                answer.GetProperty("tolerance").GetDecimal()
            )
        );
        var conditions = answer
            .GetProperty("conditions")
            .EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
        Assert.Equal(
            [
                "delta_positive",
                "delta_negative",
                "cvd_rising",
                "cvd_falling",
                "absorption_zone_near",
                "avoid_absorption_zones",
            ],
            conditions.Keys
        );
        Assert.Equal("false", conditions["delta_positive"].GetProperty("value").GetString());
        Assert.Equal("true", conditions["delta_negative"].GetProperty("value").GetString());
        Assert.Equal("unknown", conditions["cvd_rising"].GetProperty("value").GetString());
        Assert.Equal("true", conditions["absorption_zone_near"].GetProperty("value").GetString());
        Assert.Equal("false", conditions["avoid_absorption_zones"].GetProperty("value").GetString());
        Assert.StartsWith(
            "delta over 60 s is -9.5 (",
            conditions["delta_negative"].GetProperty("reason").GetString(),
            StringComparison.Ordinal
        );
        var zoneFigures = conditions["absorption_zone_near"].GetProperty("figures");
        Assert.Equal(
            (2m, 65000m),
            (
                zoneFigures.GetProperty("distance").GetDecimal(),
                zoneFigures.GetProperty("nearest").GetProperty("price_low").GetDecimal()
            )
        );
        Assert.Equal("-9.5", conditions["delta_negative"].GetProperty("figures").GetProperty("delta_qty").GetRawText());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_named_condition_is_answered_alone()
    {
        // Arrange
        await using var rig = await ApiRig.StartAsync();
        rig.Feed.Buy(0, 65000m, 1m).Buy(45, 65000m, 1m);

        // Act
        var answer = await rig.GetJsonAsync("conditions/BTCUSDT?name=DELTA_POSITIVE");

        // Assert
        var only = Assert.Single(answer.GetProperty("conditions").EnumerateArray());
        Assert.Equal(
            ("delta_positive", "unknown"),
            (only.GetProperty("name").GetString(), only.GetProperty("value").GetString())
        );
        Assert.Equal("only 45 s of complete history, 300 s asked", only.GetProperty("reason").GetString());
    }

    [Theory(Timeout = 30_000)]
    [InlineData(
        "conditions/DOGE",
        HttpStatusCode.NotFound,
        "unknown symbol 'DOGE': this bot does not follow it",
        "symbols BTCUSDT"
    )]
    [InlineData("conditions/BTCUSDT?price=abc", HttpStatusCode.BadRequest, "bad price 'abc'", "a number above 0")]
    [InlineData("conditions/BTCUSDT?price=-5", HttpStatusCode.BadRequest, "bad price '-5'", "a number above 0")]
    [InlineData("conditions/BTCUSDT?tolerance=-1", HttpStatusCode.BadRequest, "bad tolerance '-1'", "at or above 0")]
    [InlineData("conditions/BTCUSDT?window=30s,60s", HttpStatusCode.BadRequest, "2 windows asked", "one duration")]
    [InlineData(
        "conditions/BTCUSDT?window=1h",
        HttpStatusCode.BadRequest,
        "window '1h' is longer than the 900s of trades the bot keeps",
        "900s"
    )]
    [InlineData(
        "conditions/BTCUSDT?name=delta_up",
        HttpStatusCode.BadRequest,
        "unknown condition 'delta_up'",
        "delta_positive, delta_negative"
    )]
    [InlineData(
        "conditions/BTCUSDT?name=absorption_zone_near",
        HttpStatusCode.BadRequest,
        "condition 'absorption_zone_near' needs a price",
        "price=<P>"
    )]
    public async Task Bad_condition_requests_get_a_json_error_naming_what_is_wrong_and_what_is_accepted(
        string path,
        HttpStatusCode status,
        string error,
        string accepted
    )
    {
        // Arrange
        await using var rig = await ApiRig.StartAsync();

        // Act
        var problem = await rig.GetJsonAsync(path, status);

        // Assert
        Assert.Equal(error, problem.GetProperty("error").GetString());
        Assert.Contains(accepted, problem.GetProperty("accepted").GetString(), StringComparison.Ordinal);
    }
}

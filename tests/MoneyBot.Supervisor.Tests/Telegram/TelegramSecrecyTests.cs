using MoneyBot.Common.Telegram;
using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Telegram;

/// <summary>The token never shows: not in ToString, exception texts, results or log lines.</summary>
public sealed class TelegramSecrecyTests
{
    [Fact]
    public void A_token_shows_itself_only_masked()
    {
        using var client = TestBot.Client(new Uri("https://api.telegram.org"));

        Assert.Equal("123456789:***", TestBot.Token.ToString());
        Assert.Equal("123456789:***", $"{TestBot.Token}");
        Assert.Equal(123456789, TestBot.Token.BotId);
        Assert.DoesNotContain(TestBot.Secret, client.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestBot.Secret, client.Token.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("123456789:has a space " + TestBot.Secret)]
    [InlineData(TestBot.Secret)]
    [InlineData("bot123456789:" + TestBot.Secret)]
    [InlineData("123456789:" + TestBot.Secret + "/x")]
    [InlineData("123456789:")]
    public void A_malformed_token_is_refused_without_repeating_it(string text)
    {
        Assert.False(TelegramToken.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => TelegramToken.Parse(text));
        Assert.DoesNotContain(TestBot.Secret, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("@BotFather", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_exception_text_that_carries_the_url_is_redacted_in_the_result()
    {
        using var http = new HttpClient(new UrlLeakingHandler());
        using var client = new TelegramBotClient(TestBot.Token, new Uri("http://127.0.0.1:9"), http);

        var result = await client.GetMeAsync();

        Assert.Equal(TelegramFailure.Network, result.Failure);
        Assert.Contains("/bot123456789:***/getMe", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(TestBot.Secret, result.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Retries_drops_and_refusals_are_logged_without_the_token()
    {
        await using var server = await FakeTelegramServer.StartAsync();
        server.RejectUnknownTokens("1:someone-else");
        var log = new CapturingLogger();
        using var refused = TestBot.Client(server);
        using var closed = new ClosedPort();
        using var offline = TestBot.Client(closed.Url);
        var time = new TestClock();
        await using var toRefused = new TelegramOutbox(refused, TestBot.FastOptions, logger: log.For<TelegramOutbox>());
        var expiring = TestBot.FastOptions with
        {
            MaxAge = TimeSpan.FromSeconds(30),
            RetryBudget = TimeSpan.FromMinutes(5),
            Backoff = TestBot.FixedBackoff(TimeSpan.FromMinutes(1)),
        };
        await using var toOffline = new TelegramOutbox(offline, expiring, time, log.For<TelegramOutbox>());
        await using var noBudget = new TelegramOutbox(
            offline,
            TestBot.FastOptions with
            {
                RetryBudget = TimeSpan.Zero,
            },
            logger: log.For<TelegramOutbox>()
        );

        var unauthorized = await toRefused.Enqueue(new OutgoingMessage(42, "hello")).Sent;
        var pending = toOffline.Enqueue(new OutgoingMessage(42, "hello"));
        await time.WhenTimerPendingAsync(); // failed once, waiting a minute to retry: by then it is too old
        time.Advance(TimeSpan.FromMinutes(1));
        var unreachable = await pending.Sent;
        var givenUp = await noBudget.Enqueue(new OutgoingMessage(42, "hello")).Sent;
        var direct = await refused.SendMessageAsync(42, "hello");

        Assert.Null(unauthorized);
        Assert.Null(unreachable);
        Assert.Null(givenUp);
        Assert.True(log.Lines.Any(l => l.Contains("Telegram refused it (401", StringComparison.Ordinal)), log.Text);
        Assert.True(log.Lines.Any(l => l.Contains("not sent (Network", StringComparison.Ordinal)), log.Text);
        Assert.True(log.Lines.Any(l => l.Contains("unsent after", StringComparison.Ordinal)), log.Text);
        Assert.True(log.Lines.Any(l => l.Contains("still failing after 1", StringComparison.Ordinal)), log.Text);
        Assert.DoesNotContain(TestBot.Secret, log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestBot.Secret, direct.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Fails every request with an exception whose message holds the full URL, as some handlers do.</summary>
    private sealed class UrlLeakingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request,
            CancellationToken cancellationToken
        ) =>
            throw new HttpRequestException(
                $"connection to {request.RequestUri} failed",
                new IOException($"reset by {request.RequestUri}")
            );
    }
}

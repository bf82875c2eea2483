using System.Text;
using MoneyBot.Supervisor.Logging;

namespace MoneyBot.Supervisor.Tests.Logging;

public sealed class SecretMaskerTests
{
    private const string BotToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    [Fact]
    public void A_telegram_token_keeps_its_bot_id_and_loses_the_rest()
    {
        var masker = new SecretMasker([BotToken]);

        var masked = masker.Mask($"POST https://api.telegram.org/bot{BotToken}/sendMessage failed");

        Assert.Equal("POST https://api.telegram.org/bot123456789:***/sendMessage failed", masked);
    }

    [Fact]
    public void Every_occurrence_of_every_secret_is_replaced()
    {
        var masker = new SecretMasker(["binance-api-key-1", "s3cr3t-value", BotToken]);

        var masked = masker.Mask($"key=binance-api-key-1 secret=s3cr3t-value again binance-api-key-1 {BotToken}.");

        Assert.Equal("key=*** secret=*** again *** 123456789:***.", masked);
    }

    [Fact]
    public void A_secret_containing_another_is_masked_whole()
    {
        var masker = new SecretMasker(["abcd", "abcdefgh"]);

        Assert.Equal("[***] [***]", masker.Mask("[abcdefgh] [abcd]"));
    }

    [Fact]
    public void Text_without_secrets_and_the_empty_masker_return_the_input_unchanged()
    {
        var text = "nothing to hide here";

        Assert.Same(text, SecretMasker.None.Mask(text));
        Assert.Same(text, new SecretMasker(["s3cr3t-value"]).Mask(text));
        Assert.True(SecretMasker.None.IsEmpty);
    }

    [Fact]
    public void Empty_and_very_short_secrets_are_ignored()
    {
        var masker = new SecretMasker(["", "a", "ab1"]);

        Assert.True(masker.IsEmpty);
        Assert.Equal("a cab ab1", masker.Mask("a cab ab1"));
    }

    [Fact]
    public void A_secret_that_only_looks_partly_like_a_token_is_fully_hidden()
    {
        Assert.Equal("***", SecretMasker.Replacement("12345:short"));
        Assert.Equal("123456789:***", SecretMasker.Replacement(BotToken));
    }

    [Fact]
    public void Utf8_output_is_masked_in_place_and_shrinks_to_the_masked_length()
    {
        var masker = new SecretMasker(["pässwört", BotToken]);
        var bytes = Encoding.UTF8.GetBytes($"a pässwört b {BotToken} c pässwört\n");

        var length = masker.MaskUtf8InPlace(bytes);

        Assert.Equal("a *** b 123456789:*** c ***\n", Encoding.UTF8.GetString(bytes, 0, length));
    }
}

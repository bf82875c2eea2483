using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Tests.Config;

public sealed class KeyMatcherTests
{
    private static readonly string[] Keys =
    [
        "command",
        "args",
        "cwd",
        "env",
        "depends_on",
        "restart",
        "stop_timeout",
        "start_secs",
    ];

    [Theory]
    [InlineData("comand", "command")]
    [InlineData("comamnd", "command")]
    [InlineData("Command", "command")]
    [InlineData("arg", "args")]
    [InlineData("depends", "depends_on")]
    [InlineData("dependson", "depends_on")]
    [InlineData("restarts", "restart")]
    [InlineData("start_sec", "start_secs")]
    public void Close_words_are_suggested(string input, string expected)
    {
        Assert.Equal(expected, KeyMatcher.Suggest(input, Keys));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("ab")]
    [InlineData("timeout_after")]
    [InlineData("completely_different")]
    public void Distant_words_get_no_suggestion(string input)
    {
        Assert.Null(KeyMatcher.Suggest(input, Keys));
        Assert.Equal(string.Empty, KeyMatcher.DidYouMean(input, Keys));
    }

    [Fact]
    public void The_nearest_candidate_wins()
    {
        Assert.Equal("max_size", KeyMatcher.Suggest("max_siz", ["max", "max_size"]));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "abc", 0)]
    [InlineData("abc", "acb", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void Distance_counts_edits_and_adjacent_swaps(string a, string b, int expected)
    {
        Assert.Equal(expected, KeyMatcher.Distance(a, b));
    }
}

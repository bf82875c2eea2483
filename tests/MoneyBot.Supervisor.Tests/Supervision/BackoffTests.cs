using MoneyBot.Common.Resilience;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Tests.Infrastructure;
using static MoneyBot.Supervisor.Supervision.ProgramState;

namespace MoneyBot.Supervisor.Tests.Supervision;

public sealed class BackoffTests
{
    [Fact(Timeout = 60_000)]
    public async Task Failed_starts_back_off_exponentially_up_to_the_cap()
    {
        await using var h = ProgramHarness.WithTestClock(dir =>
            TestPrograms.Program("p", dir, "--crash") with
            {
                Backoff = new BackoffPolicy(
                    TimeSpan.FromSeconds(1),
                    2,
                    TimeSpan.FromSeconds(5),
                    0,
                    TimeSpan.FromSeconds(60)
                ),
            }
        );
        await h.Program.StartAsync();

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var backoff = await h.NextStateAsync(Backoff);
            delays.Add(backoff.NextRetryIn!.Value);
            h.Time!.Advance(backoff.NextRetryIn!.Value);
        }

        Assert.Equal([1, 2, 4, 5, 5], delays.Select(d => d.TotalSeconds));
    }

    [Fact(Timeout = 60_000)]
    public async Task Crashes_of_a_running_program_back_off_too_and_the_count_resets_after_stable_uptime()
    {
        await using var h = ProgramHarness.WithTestClock(dir =>
            TestPrograms.Program("p", dir) with
            {
                StartSecs = TimeSpan.Zero,
            }
        );
        await h.Program.StartAsync();

        async Task<TimeSpan> CrashAsync()
        {
            ProcessProbe.KillQuietly(h.Program.Status().Pid!.Value);
            var backoff = await h.NextStateAsync(Backoff);
            h.Time!.Advance(backoff.NextRetryIn!.Value);
            await h.NextStateAsync(Running);
            return backoff.NextRetryIn!.Value;
        }

        var first = await CrashAsync();
        var second = await CrashAsync();
        h.Time!.Advance(TimeSpan.FromSeconds(60)); // stable for reset_after
        var afterReset = await CrashAsync();

        Assert.Equal(TimeSpan.FromSeconds(1), first);
        Assert.Equal(TimeSpan.FromSeconds(2), second);
        Assert.Equal(TimeSpan.FromSeconds(1), afterReset);
    }

    [Fact(Timeout = 60_000)]
    public async Task Too_many_restarts_within_the_window_end_in_fatal_and_retry_after_gives_one_more_try()
    {
        await using var h = ProgramHarness.WithTestClock(dir =>
            TestPrograms.Program("p", dir, "--crash") with
            {
                GiveUp = new GiveUpPolicy(2, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15)),
            }
        );
        await h.Program.StartAsync();

        for (var i = 0; i < 2; i++)
        {
            var backoff = await h.NextStateAsync(Backoff);
            h.Time!.Advance(backoff.NextRetryIn!.Value);
        }

        var fatal = await h.NextStateAsync(Fatal);
        Assert.Contains("gave up after 2 restarts", fatal.Reason, StringComparison.Ordinal);
        Assert.NotNull(h.Program.Status().NextRetryAt);

        h.Time!.Advance(TimeSpan.FromMinutes(15));
        var retry = await h.NextStateAsync(Starting);
        var fatalAgain = await h.NextStateAsync(Fatal);

        Assert.Equal(Fatal, retry.From);
        Assert.Equal(Starting, fatalAgain.From); // the one more try failed: straight back to FATAL, no backoff series
        Assert.Equal(3, h.Program.Status().Restarts);
    }

    [Fact(Timeout = 60_000)]
    public async Task Fatal_without_retry_after_stays_fatal_until_an_operator_starts_it()
    {
        await using var h = ProgramHarness.WithTestClock(dir =>
            TestPrograms.Program("p", dir, "--crash") with
            {
                GiveUp = new GiveUpPolicy(0, TimeSpan.FromMinutes(10), null),
            }
        );

        var status = await h.Program.StartAsync();
        Assert.Equal(Fatal, status.State);
        Assert.Null(status.NextRetryAt);
        Assert.Equal(0, h.Time!.PendingTimers);

        var again = await h.Program.StartAsync();
        Assert.Equal(Fatal, again.State); // an operator start is a fresh attempt, which failed again
        await h.Events.AssertTransitionsAsync(
            "p",
            ["Stopped->Starting", "Starting->Fatal", "Fatal->Starting", "Starting->Fatal"]
        );
    }

    [Theory]
    [InlineData(1, 0.5, 1000)]
    [InlineData(2, 0.5, 2000)]
    [InlineData(3, 0.5, 4000)]
    [InlineData(20, 0.5, 300_000)]
    [InlineData(1, 0.0, 800)]
    [InlineData(1, 1.0, 1200)]
    public void The_backoff_policy_multiplies_caps_and_jitters(int attempt, double random, int expectedMs)
    {
        var policy = BackoffPolicy.Default;

        var delay = policy.DelayFor(attempt, random);

        Assert.Equal(expectedMs, delay.TotalMilliseconds, precision: 3);
    }

    [Fact]
    public void A_zero_initial_delay_restarts_at_once()
    {
        var policy = BackoffPolicy.Default with { Initial = TimeSpan.Zero };

        Assert.Equal(TimeSpan.Zero, policy.DelayFor(5, 0.9));
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using Quartz.Extensibility;

namespace MoneyBot.Supervisor.Reports;

/// <summary>
/// Sends the health report and the daily summary on their Quartz cron schedules (UTC), through a one-thread,
/// in-memory Quartz scheduler that lives while the service runs. Added only when Telegram is on and a schedule is set
/// (the expressions were checked when the configuration was read).
/// </summary>
/// <param name="schedules">Each (name, cron, job) fires <c>job</c> at every cron time; null or empty: off.</param>
public sealed partial class ReportScheduler(
    IReadOnlyList<(string Name, string? Cron, Func<CancellationToken, Task> Job)> schedules,
    ILogger logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var jobs = schedules.Where(s => !string.IsNullOrWhiteSpace(s.Cron)).ToList();
        var factory = QuartzSchedulerBuilder
            .Create(q =>
            {
                q.UseInMemoryStore();
                q.UseDefaultThreadPool(1);
                q.UseJobFactory(new DelegateJobFactory(jobs.ToDictionary(j => j.Name, j => j.Job), logger));
            })
            .Build();
        await using (factory.ConfigureAwait(false))
        {
            var scheduler = await factory.GetScheduler(stoppingToken).ConfigureAwait(false);
            foreach (var (name, cron, _) in jobs)
            {
                var job = JobBuilder.Create<DelegateJob>().WithIdentity(name).Build();
                var trigger = TriggerBuilder
                    .Create()
                    .WithIdentity(name)
                    .WithCronSchedule(cron!, x => x.InTimeZone(TimeZoneInfo.Utc))
                    .Build();
                await scheduler.ScheduleJob(job, trigger, cancellationToken: stoppingToken).ConfigureAwait(false);
                Log.Scheduled(logger, name, cron!);
            }

            await scheduler.Start(stoppingToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // stopping: the scheduler goes with its factory
            }
        }

        Log.Stopped(logger);
    }

    /// <summary>A job that runs the delegate registered under its job key.</summary>
    private sealed class DelegateJob(Func<CancellationToken, Task> run) : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
            await run(cancellationToken).ConfigureAwait(false);
    }

    private sealed class DelegateJobFactory(
        IReadOnlyDictionary<string, Func<CancellationToken, Task>> jobs,
        ILogger logger
    ) : IJobFactory
    {
        public ValueTask<JobScope> CreateJob(
            TriggerFiredBundle bundle,
            IScheduler scheduler,
            CancellationToken cancellationToken
        )
        {
            var name = bundle.JobDetail.Key.Name;
            Log.Firing(logger, name);
            return ValueTask.FromResult(new JobScope(new DelegateJob(jobs[name]), null));
        }

        public ValueTask ReturnJob(JobScope scope, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "report '{Name}' scheduled with cron '{Cron}' (UTC)")]
        public static partial void Scheduled(ILogger logger, string name, string cron);

        [LoggerMessage(Level = LogLevel.Information, Message = "sending scheduled report '{Name}'")]
        public static partial void Firing(ILogger logger, string name);

        [LoggerMessage(Level = LogLevel.Information, Message = "report schedules stopped")]
        public static partial void Stopped(ILogger logger);
    }
}

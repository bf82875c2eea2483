using Microsoft.Extensions.Logging;
using MoneyBot.Supervisor.Processes;

namespace MoneyBot.Supervisor.Supervision;

public sealed partial class ProgramSupervisor
{
    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "{Program}: {From} -> {To} ({Reason})")]
        public static partial void Transition(
            ILogger logger,
            string program,
            ProgramState from,
            ProgramState to,
            string reason
        );

        [LoggerMessage(Level = LogLevel.Information, Message = "{Program}: spawned pid {Pid}")]
        public static partial void Spawned(ILogger logger, string program, int pid);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Program}: could not start: {Reason}")]
        public static partial void SpawnFailed(ILogger logger, string program, string reason);

        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "{Program}: pid {Pid} did not stop within {Timeout}; sending SIGKILL to its process tree"
        )]
        public static partial void StopTimedOut(ILogger logger, string program, int pid, TimeSpan timeout);

        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "{Program}: pid {Pid} sent no WATCHDOG=1 for {Timeout}; killing it to restart"
        )]
        public static partial void WatchdogTimeout(ILogger logger, string program, int pid, TimeSpan timeout);

        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "{Program}: pid {Pid} sent no READY=1 within {Timeout}; killing it (failed start)"
        )]
        public static partial void ReadyTimeout(ILogger logger, string program, int pid, TimeSpan timeout);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Program}: pid {Pid} ended ({Exit}) after {Uptime}")]
        public static partial void ProcessEnded(
            ILogger logger,
            string program,
            int pid,
            ExitStatus exit,
            TimeSpan uptime
        );

        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "{Program}: output of pid {Pid} still open 2s after it exited (a leftover process holds the pipe)"
        )]
        public static partial void OutputStillOpen(ILogger logger, string program, int pid);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Program}: internal error handling {Message}")]
        public static partial void HandlerFailed(ILogger logger, string program, string message, Exception exception);

        [LoggerMessage(
            Level = LogLevel.Error,
            Message = "{Program}: illegal transition {From} -> {To} ({Reason}) refused"
        )]
        public static partial void IllegalTransition(
            ILogger logger,
            string program,
            ProgramState from,
            ProgramState to,
            string reason
        );
    }
}

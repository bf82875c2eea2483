using System.Globalization;
using CliWrap;

namespace MoneyBot.TestSupport.Processes;

/// <summary>
/// A long-running child process (a bot, a stand-in supervisor) started with CliWrap: its stderr lines (and
/// stdout's, when asked) are collected as they come, it can be signalled, and disposing it kills it and its
/// descendants if it is still running.
/// </summary>
public sealed class RunningChild : IAsyncDisposable
{
    private readonly CancellationTokenSource _kill = new();
    private readonly CommandTask<CommandResult> _run;

    private RunningChild(Command command, Collector<string> output)
    {
        Output = output;
        _run = command
            .WithValidation(CommandResultValidation.None)
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Output.Add))
            .ExecuteAsync(_kill.Token);
    }

    /// <summary>The child's pid.</summary>
    public int Id => _run.ProcessId;

    /// <summary>Its stderr lines, and its stdout lines when started with <c>captureStdout</c>.</summary>
    public Collector<string> Output { get; }

    /// <summary>
    /// Starts <paramref name="path"/>. <paramref name="environment"/> adds variables (a null value removes one);
    /// <paramref name="input"/>, when given, is the child's stdin (closed when that source completes).
    /// </summary>
    public static RunningChild Start(
        string path,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        bool captureStdout = false,
        PipeSource? input = null
    )
    {
        var output = Collector.Manual<string>();
        var command = Cli.Wrap(path)
            .WithArguments(arguments)
            .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>())
            .WithStandardInputPipe(input ?? PipeSource.Null)
            .WithStandardOutputPipe(captureStdout ? PipeTarget.ToDelegate(output.Add) : PipeTarget.Null);
        return new RunningChild(command, output);
    }

    /// <summary>Sends <paramref name="signal"/> (TERM, INT, KILL, ...) with the <c>kill</c> command.</summary>
    public async Task SignalAsync(string signal)
    {
        var result = await ChildCommand.RunAsync("kill", ["-" + signal, Id.ToString(CultureInfo.InvariantCulture)]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {Id} failed: {result}");
        }
    }

    /// <summary>
    /// Waits until the child has exited and its output pipes are closed (every process that inherited them is gone);
    /// returns the exit code. Throws <see cref="TimeoutException"/> with its output if that takes longer.
    /// </summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            return (await _run.Task.WaitAsync(timeout)).ExitCode;
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"pid {Id} still running after {timeout}; its output:\n" + string.Join('\n', Output.Items)
            );
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _kill.CancelAsync();
        try
        {
            await _run.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // Killed on purpose: the test is over.
        }

        _kill.Dispose();
        await Output.DisposeAsync();
    }
}

using System.Runtime.InteropServices;

namespace MoneyBot.Common.Bots;

/// <summary>
/// SIGTERM and SIGINT as a cancellation token, with the signal's name as the reason. The process is
/// not killed: the verb cancelled by the token finishes its own way (the live bot flushes, saves and
/// says goodbye), however long that takes.
/// </summary>
public sealed class Termination : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _interrupt;
    private string? _reason;

    /// <summary>Listens for SIGTERM and SIGINT until disposed.</summary>
    public Termination(CancellationToken cancellationToken)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    /// <summary>Cancelled on SIGTERM, SIGINT, or when the caller's token is.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>"SIGTERM", "SIGINT", or "cancelled" when the caller's token was; null before any.</summary>
    public string? Reason => Volatile.Read(ref _reason) ?? (_cancel.IsCancellationRequested ? "cancelled" : null);

    /// <inheritdoc/>
    public void Dispose()
    {
        _term.Dispose();
        _interrupt.Dispose();
        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // no default termination: the cancellation below ends the verb
        Interlocked.CompareExchange(ref _reason, context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT", null);
        _cancel.Cancel();
    }
}

namespace MoneyBot.Supervisor.Logging;

/// <summary>
/// One item on a log writer's channel: either whole lines in a pooled buffer (returned to
/// <see cref="System.Buffers.ArrayPool{T}.Shared"/> by the writer), or a flush barrier.
/// </summary>
internal readonly record struct LogChunk(byte[]? Buffer, int Length, TaskCompletionSource? Flushed)
{
    public static LogChunk Lines(byte[] buffer, int length) => new(buffer, length, null);

    public static LogChunk Barrier(TaskCompletionSource flushed) => new(null, 0, flushed);
}

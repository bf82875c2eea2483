using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MoneyBot.MarketData.Streams;

/// <summary>
/// One websocket connection to Binance's market streams that stays up: connect timeout, staleness
/// timeout, keep-alive, a planned reconnect before 24 h, and reconnection forever with the shared
/// backoff policy. Each frame is parsed on the receive loop by a pluggable <see cref="IStreamFrameReader{TMessage}"/>
/// (<see cref="BinanceStream"/> is this with <see cref="StreamMessageParser"/>); the messages reach one consumer
/// through a bounded buffer that drops the oldest when the consumer falls behind (counted, and announced with
/// <see cref="MessagesDroppedMessage"/>); every reconnection is announced with <see cref="ReconnectedMessage"/> so the
/// consumer can backfill. A frame the reader cannot read is counted, logged with its reason and skipped.
/// </summary>
/// <typeparam name="TMessage">What the consumer reads.</typeparam>
[SuppressMessage(
    "Naming",
    "CA1711:Identifiers should not have incorrect suffix",
    Justification = "A Binance market stream, Binance's own word; not a System.IO.Stream."
)]
public partial class BinanceStream<TMessage> : IAsyncDisposable
{
    private readonly BinanceStreamOptions _options;
    private readonly IStreamFrameReader<TMessage> _reader;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Func<double> _random01;
    private readonly Channel<TMessage> _channel;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private StreamStatus _status = new() { State = StreamState.Stopped };
    private long _messages;
    private long _malformed;
    private long _dropped;
    private long _droppedReported;
    private long _lastMessageTicks;
    private Task? _loop;
    private int _started;
    private int _disposed;

    /// <summary>Creates a stream; nothing connects before <see cref="Start"/>.</summary>
    /// <param name="options">What to subscribe and how; validated here.</param>
    /// <param name="reader">Turns each frame into a message (on the receive loop, one frame at a time).</param>
    /// <param name="logger">Where state changes and failures go.</param>
    /// <param name="timeProvider">Clock for every timeout, delay and timestamp.</param>
    /// <param name="random01">Source of jitter in [0, 1); <see cref="Random.Shared"/> by default.</param>
    public BinanceStream(
        BinanceStreamOptions options,
        IStreamFrameReader<TMessage> reader,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        Func<double>? random01 = null
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reader);
        _options = options.Validate();
        _reader = reader;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _random01 = random01 ?? Random.Shared.NextDouble;
        Uri = options.ConnectionUri();
        Name = options.Name ?? string.Join(',', options.Streams);
        _channel = Channel.CreateBounded<TMessage>(
            new BoundedChannelOptions(options.Capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleWriter = true,
            },
            OnDropped
        );
    }

    /// <summary>The name used in logs.</summary>
    public string Name { get; }

    /// <summary>The URL connected to.</summary>
    public Uri Uri { get; }

    /// <summary>A consistent snapshot of the connection and its counters.</summary>
    public StreamStatus Status
    {
        get
        {
            var ticks = Volatile.Read(ref _lastMessageTicks);
            lock (_gate)
            {
                return _status with
                {
                    LastMessageAt = ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero),
                    Messages = Volatile.Read(ref _messages),
                    Malformed = Volatile.Read(ref _malformed),
                    Dropped = Volatile.Read(ref _dropped),
                };
            }
        }
    }

    /// <summary>Starts the connection loop. Call once.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException(
                $"Stream '{Name}' is already started; create another BinanceStream for a second connection."
            );
        }

        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>
    /// The messages, in arrival order, with the notices of gaps among them. Ends when the stream is
    /// disposed. Meant for one consumer: each message is delivered once.
    /// </summary>
    public async IAsyncEnumerable<TMessage> ReadAllAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken = default
    )
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            while (reader.TryRead(out var message))
            {
                // Drop-oldest removes messages not yet read: those dropped so far came before this one.
                var dropped = Interlocked.Read(ref _dropped);
                var reported = Interlocked.Exchange(ref _droppedReported, dropped);
                if (dropped > reported)
                {
                    yield return _reader.Notice(new MessagesDroppedMessage(dropped - reported, _time.GetUtcNow()));
                }

                yield return message;
            }
        }
    }

    /// <summary>Stops the loop, closes the connection and ends <see cref="ReadAllAsync"/>. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_loop is { } loop)
        {
            try
            {
                await loop.WaitAsync(TimeSpan.FromSeconds(5), _time);
            }
            catch (TimeoutException)
            {
                BinanceStreamLog.StopTimedOut(_logger, Name);
            }
        }

        _channel.Writer.TryComplete();
        SetState(StreamState.Stopped, "disposed");
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    private void OnDropped(TMessage message)
    {
        var dropped = Interlocked.Increment(ref _dropped);
        if (dropped == 1 || dropped % 1000 == 0)
        {
            BinanceStreamLog.Dropped(_logger, Name, dropped);
        }
    }

    private void SetState(StreamState state, string detail)
    {
        StreamState previous;
        lock (_gate)
        {
            previous = _status.State;
            _status = _status with
            {
                State = state,
                ConnectedAt = state == StreamState.Connected ? _status.ConnectedAt : null,
            };
        }

        if (previous != state)
        {
            BinanceStreamLog.StateChanged(_logger, Name, previous, state, detail);
        }
    }
}

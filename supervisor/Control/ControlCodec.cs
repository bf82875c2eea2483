using System.Buffers;
using System.Text.Json;
using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Control;

/// <summary>
/// The control protocol's JSON (snake_case, one object per line), written with <see cref="Utf8JsonWriter"/> and
/// read with <see cref="JsonDocument"/>. Deliberately not the source-generated serializer: every CLI call is a
/// cold process, and the serializer's generic converters are JIT-compiled at start (about 230 methods, ~90 ms
/// here), while the reader and writer are precompiled in the framework. <c>status</c> must stay well under
/// half of <c>supervisorctl status</c>.
/// </summary>
public static class ControlCodec
{
    /// <summary>The verb each command travels as (the CLI's own words).</summary>
    public static string VerbOf(SupervisorCommand command) =>
        command switch
        {
            SupervisorCommand.Ping => "ping",
            SupervisorCommand.Status => "status",
            SupervisorCommand.Health => "health",
            SupervisorCommand.Up => "up",
            SupervisorCommand.Start => "start",
            SupervisorCommand.Stop => "stop",
            SupervisorCommand.Restart => "restart",
            SupervisorCommand.Reload => "reload",
            SupervisorCommand.Down => "down",
            SupervisorCommand.Report => "report",
            SupervisorCommand.Logs => "logs",
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "a command with no verb"),
        };

    public static byte[] EncodeCommand(SupervisorCommand command) =>
        Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("verb", VerbOf(command));
            switch (command)
            {
                case SupervisorCommand.Status(var program):
                    w.WriteString("target", program);
                    break;
                case SupervisorCommand.Start(var target):
                    w.WriteString("target", target);
                    break;
                case SupervisorCommand.Stop(var target):
                    w.WriteString("target", target);
                    break;
                case SupervisorCommand.Restart(var target):
                    w.WriteString("target", target);
                    break;
                case SupervisorCommand.Report(var kind):
                    w.WriteString("target", kind == ReportKind.Daily ? "daily" : "health");
                    break;
                case SupervisorCommand.Logs(var program, var lines, var stderr):
                    w.WriteString("target", program);
                    w.WriteNumber("lines", lines);
                    w.WriteBoolean("stderr", stderr);
                    break;
            }

            w.WriteEndObject();
        });

    /// <summary>Reads one request line.</summary>
    /// <exception cref="JsonException">Not JSON, an unknown verb, or a verb without the target it needs.</exception>
    public static SupervisorCommand DecodeCommand(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("the request is not a JSON object");
        }

        var verb = Text(root, "verb") ?? throw new JsonException("the request has no 'verb'");
        var target = Text(root, "target");
        string Required() =>
            string.IsNullOrWhiteSpace(target)
                ? throw new JsonException($"'{verb}' needs a 'target' (a program, a group or 'all')")
                : target;
        return verb switch
        {
            "ping" => new SupervisorCommand.Ping(),
            "status" => new SupervisorCommand.Status(target),
            "health" => new SupervisorCommand.Health(),
            "up" => new SupervisorCommand.Up(),
            "start" => new SupervisorCommand.Start(Required()),
            "stop" => new SupervisorCommand.Stop(Required()),
            "restart" => new SupervisorCommand.Restart(Required()),
            "reload" => new SupervisorCommand.Reload(),
            "down" => new SupervisorCommand.Down(),
            "report" => new SupervisorCommand.Report(
                target switch
                {
                    null or "health" => ReportKind.Health,
                    "daily" => ReportKind.Daily,
                    _ => throw new JsonException($"unknown report '{target}' (health or daily)"),
                }
            ),
            "logs" => new SupervisorCommand.Logs(
                Required(),
                !root.TryGetProperty("lines", out var lines) || lines.ValueKind == JsonValueKind.Null
                        ? SupervisorCommand.Logs.DefaultLines
                    : lines.ValueKind == JsonValueKind.Number && lines.TryGetInt32(out var count) ? count
                    : throw new JsonException("'lines' must be a whole number"),
                root.TryGetProperty("stderr", out var err) && err.ValueKind == JsonValueKind.True
            ),
            _ => throw new JsonException($"unknown verb '{verb}'"),
        };
    }

    /// <summary>Writes a command's outcome as the response line.</summary>
    public static byte[] EncodeResult(CommandResult result) =>
        EncodeResponse(
            new ControlResponse(
                result.Ok,
                result.Message,
                result.Programs?.Select(ProgramStatusDto.From).ToList(),
                result.Problems,
                result.Usage,
                result.Lines
            )
        );

    public static byte[] EncodeResponse(ControlResponse response) =>
        Write(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", response.Ok);
            w.WriteString("message", response.Message);
            if (response.Programs is { } programs)
            {
                w.WritePropertyName("programs");
                WritePrograms(w, programs);
            }

            WriteLines(w, "problems", response.Problems);
            WriteLines(w, "lines", response.Lines);
            w.WriteBoolean("usage", response.Usage);
            w.WriteEndObject();
        });

    public static ControlResponse DecodeResponse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        return new ControlResponse(
            root.GetProperty("ok").GetBoolean(),
            Text(root, "message"),
            root.TryGetProperty("programs", out var programs) && programs.ValueKind == JsonValueKind.Array
                ? programs.EnumerateArray().Select(ReadProgram).ToList()
                : null,
            ReadLines(root, "problems"),
            root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.True,
            ReadLines(root, "lines")
        );
    }

    /// <summary>The array <c>status --json</c> prints: one object per program.</summary>
    public static byte[] EncodePrograms(IReadOnlyList<ProgramStatusDto> programs) =>
        Write(w => WritePrograms(w, programs));

    private static void WritePrograms(Utf8JsonWriter w, IReadOnlyList<ProgramStatusDto> programs)
    {
        w.WriteStartArray();
        foreach (var p in programs)
        {
            w.WriteStartObject();
            w.WriteString("name", p.Name);
            w.WriteString("group", p.Group);
            w.WriteString("state", p.State.Label());
            Number(w, "pid", p.Pid);
            Number(w, "uptime_s", p.UptimeS);
            w.WriteNumber("restarts", p.Restarts);
            w.WriteString("last_exit", p.LastExit);
            Time(w, "last_exit_at", p.LastExitAt);
            Time(w, "next_retry_at", p.NextRetryAt);
            w.WriteString("status_text", p.StatusText);
            w.WriteString("reason", p.Reason);
            w.WriteBoolean("stopped_by_operator", p.StoppedByOperator);
            w.WriteBoolean("autostart", p.Autostart);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static ProgramStatusDto ReadProgram(JsonElement e) =>
        new(
            Text(e, "name") ?? string.Empty,
            Text(e, "group"),
            ReadState(Text(e, "state")),
            e.TryGetProperty("pid", out var pid) && pid.ValueKind == JsonValueKind.Number ? pid.GetInt32() : null,
            e.TryGetProperty("uptime_s", out var up) && up.ValueKind == JsonValueKind.Number ? up.GetInt64() : null,
            e.TryGetProperty("restarts", out var restarts) ? restarts.GetInt32() : 0,
            Text(e, "last_exit"),
            e.TryGetProperty("last_exit_at", out var exitAt) && exitAt.ValueKind == JsonValueKind.String
                ? exitAt.GetDateTimeOffset()
                : null,
            e.TryGetProperty("next_retry_at", out var retry) && retry.ValueKind == JsonValueKind.String
                ? retry.GetDateTimeOffset()
                : null,
            Text(e, "status_text"),
            Text(e, "reason") ?? string.Empty,
            e.TryGetProperty("stopped_by_operator", out var op) && op.ValueKind == JsonValueKind.True,
            e.TryGetProperty("autostart", out var auto) && auto.ValueKind == JsonValueKind.True
        );

    private static ProgramState ReadState(string? text) =>
        text is null ? ProgramState.Stopped
        : Enum.TryParse<ProgramState>(text, ignoreCase: true, out var state) && !char.IsDigit(text[0]) ? state
        : throw new JsonException($"unknown program state '{text}'");

    private static void WriteLines(Utf8JsonWriter w, string name, IReadOnlyList<string>? lines)
    {
        if (lines is null)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var line in lines)
        {
            w.WriteStringValue(line);
        }

        w.WriteEndArray();
    }

    private static List<string>? ReadLines(JsonElement root, string name) =>
        root.TryGetProperty(name, out var lines) && lines.ValueKind == JsonValueKind.Array
            ? lines.EnumerateArray().Select(p => p.GetString() ?? string.Empty).ToList()
            : null;

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static void Number(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Time(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}

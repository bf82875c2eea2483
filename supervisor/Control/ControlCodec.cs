using System.Buffers;
using System.Text.Json;

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
    public static byte[] EncodeRequest(ControlRequest request) =>
        Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("verb", request.Verb);
            w.WriteString("target", request.Target);
            w.WriteEndObject();
        });

    public static ControlRequest DecodeRequest(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        return new ControlRequest(
            Text(root, "verb") ?? throw new JsonException("the request has no 'verb'"),
            Text(root, "target")
        );
    }

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

            if (response.Problems is { } problems)
            {
                w.WriteStartArray("problems");
                foreach (var problem in problems)
                {
                    w.WriteStringValue(problem);
                }

                w.WriteEndArray();
            }

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
            root.TryGetProperty("problems", out var problems) && problems.ValueKind == JsonValueKind.Array
                ? problems.EnumerateArray().Select(p => p.GetString() ?? string.Empty).ToList()
                : null,
            root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.True
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
            w.WriteString("state", p.State);
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
            Text(e, "state") ?? "STOPPED",
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

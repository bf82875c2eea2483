using System.Text;
using System.Text.Json;
using MoneyBot.Supervisor.Cli;
using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Control;
using MoneyBot.Supervisor.Telegram;
using static MoneyBot.Supervisor.Commands.SupervisorCommand;

namespace MoneyBot.Supervisor.Tests.Commands;

/// <summary>
/// Every CLI verb and every chat command means the same <see cref="SupervisorCommand"/>, and the control socket
/// carries each record unchanged: the edges differ only in words.
/// </summary>
public sealed class CommandTableTests
{
    /// <summary>CLI words, chat words (null: not a chat command), the record both mean.</summary>
    public static TheoryData<string[], string?, SupervisorCommand> Table =>
        new()
        {
            { ["status"], "/status", new Status() },
            { ["status", "extgap-3m"], "/status extgap-3m", new Status("extgap-3m") },
            { ["health"], "/health", new SupervisorCommand.Health() },
            { ["start", "extgap-3m"], "/start extgap-3m", new Start("extgap-3m") },
            { ["start", "all"], "/start all", new Start("all") },
            { ["stop", "bots"], "/stop bots", new Stop("bots") },
            { ["restart", "extgap-3m"], "/restart extgap-3m", new Restart("extgap-3m") },
            { ["restart", "all"], "/restart all", new Restart("all") },
            { ["reload"], "/reload", new Reload() },
            { ["report"], "/report", new Report(ReportKind.Health) },
            { ["report", "--daily"], "/report daily", new Report(ReportKind.Daily) },
            { ["logs", "orderflow"], "/logs orderflow", new Logs("orderflow") },
            { ["logs", "orderflow", "-n", "50", "--err"], "/logs orderflow 50 err", new Logs("orderflow", 50, true) },
            { ["up"], null, new Up() },
            { ["down"], null, new Down() },
        };

    [Theory]
    [MemberData(nameof(Table))]
    public void The_cli_verb_and_the_chat_command_mean_the_same_record(
        string[] cli,
        string? chat,
        SupervisorCommand expected
    )
    {
        Assert.Equal(expected, CliApp.CommandFor(cli));
        Assert.Equal(expected, CliApp.CommandFor(["-c", "/tmp/x.yaml", .. cli])); // the config option changes nothing
        if (chat is not null)
        {
            var request = ChatCommands.Interpret(ChatCommand.Parse(chat)!);
            var command = request switch
            {
                ChatRequest.Run run => run.Command,
                ChatRequest.Confirm confirm => confirm.Command, // asked first in the chat; the same command after
                _ => null,
            };
            Assert.Equal(expected, command);
        }
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void The_control_socket_carries_every_record_unchanged(string[] cli, string? chat, SupervisorCommand command)
    {
        _ = (cli, chat);
        Assert.Equal(command, RoundTrip(command));
    }

    [Fact]
    public void Every_command_of_the_family_is_in_the_table_or_internal()
    {
        var mapped = Table.Select(row => row[2].GetType()).Append(typeof(Ping)).ToHashSet();
        var family = typeof(SupervisorCommand).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(SupervisorCommand)));

        Assert.All(family, t => Assert.Contains(t, mapped));
        Assert.Equal(new Ping(), RoundTrip(new Ping()));
    }

    [Fact]
    public void Destructive_chat_commands_ask_first_and_the_confirm_button_runs_the_same_record()
    {
        foreach (var text in new[] { "/stop extgap-3m", "/restart all" })
        {
            var confirm = Assert.IsType<ChatRequest.Confirm>(ChatCommands.Interpret(ChatCommand.Parse(text)!));
            var pressed = ChatCommands.FromButton(ChatCommands.ConfirmData(confirm.Command));
            Assert.Equal(new ChatRequest.Run(confirm.Command), pressed);
        }
    }

    [Fact]
    public void Status_buttons_mean_what_they_say()
    {
        var restart = new ChatRequest.Run(new Restart("extgap-3m"));
        var stop = new ChatRequest.Confirm(new Stop("extgap-3m"));

        Assert.Equal(restart, ChatCommands.FromButton(ChatCommands.ButtonData(restart)));
        Assert.Equal(stop, ChatCommands.FromButton(ChatCommands.ButtonData(stop)));
        Assert.Equal(new ChatRequest.Cancelled(), ChatCommands.FromButton("cancel"));
        Assert.Equal(new ChatRequest.Expired(), ChatCommands.FromButton("reboot:everything"));
    }

    [Theory]
    [InlineData("/start", "/start name|group|all")]
    [InlineData("/stop", "/stop name|group|all")]
    [InlineData("/restart", "/restart name|group|all")]
    [InlineData("/logs", "/logs name [lines] [err]")]
    [InlineData("/report weekly", "/report [daily]")]
    public void A_chat_command_without_what_it_needs_answers_with_its_usage(string text, string usage) =>
        Assert.Equal(new ChatRequest.Usage(usage), ChatCommands.Interpret(ChatCommand.Parse(text)!));

    [Fact]
    public void Chat_words_that_are_no_command_are_named()
    {
        Assert.Equal(new ChatRequest.Unknown("reboot"), ChatCommands.Interpret(ChatCommand.Parse("/reboot now")!));
        Assert.Equal(new ChatRequest.Help(), ChatCommands.Interpret(ChatCommand.Parse("/help@moneybot_bot")!));
        Assert.Null(ChatCommand.Parse("restart everything")); // not a command at all
    }

    [Fact]
    public void Chat_log_lengths_stay_within_bounds()
    {
        Assert.Equal(new Logs("a", Logs.MaxLines), Interpret("/logs a 999999"));
        Assert.Equal(new Logs("a", 1), Interpret("/logs a 0"));
        Assert.Equal(new Logs("a"), Interpret("/logs a lots"));
    }

    [Fact]
    public void Cli_verbs_that_ask_nothing_of_the_daemon_are_no_command()
    {
        Assert.Null(CliApp.CommandFor("daemon"));
        Assert.Null(CliApp.CommandFor("config", "check"));
        Assert.Null(CliApp.CommandFor("start")); // no target: the parser refuses it
    }

    [Theory]
    [InlineData("""{"verb":"reboot"}""", "unknown verb 'reboot'")]
    [InlineData("""{"verb":"start"}""", "'start' needs a 'target'")]
    [InlineData("""{"verb":"report","target":"weekly"}""", "unknown report 'weekly'")]
    [InlineData("""{"target":"x"}""", "the request has no 'verb'")]
    [InlineData("""["status"]""", "the request is not a JSON object")]
    [InlineData("""{"verb":"logs","target":"a","lines":1.5}""", "'lines' must be a whole number")]
    [InlineData("""{"verb":"logs","target":"a","lines":"many"}""", "'lines' must be a whole number")]
    public void A_request_the_codec_cannot_read_is_refused_with_the_reason(string line, string reason)
    {
        var e = Assert.ThrowsAny<JsonException>(() => ControlCodec.DecodeCommand(line));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_response_with_an_unknown_state_is_refused_not_read_as_stopped()
    {
        const string line = """{"ok":true,"programs":[{"name":"a","state":"DANCING"}]}""";

        var e = Assert.ThrowsAny<JsonException>(() => ControlCodec.DecodeResponse(line));
        Assert.Contains("unknown program state 'DANCING'", e.Message, StringComparison.Ordinal);
    }

    private static SupervisorCommand RoundTrip(SupervisorCommand command) =>
        ControlCodec.DecodeCommand(Encoding.UTF8.GetString(ControlCodec.EncodeCommand(command)));

    private static SupervisorCommand? Interpret(string text) =>
        (ChatCommands.Interpret(ChatCommand.Parse(text)!) as ChatRequest.Run)?.Command;
}

using MoneyBot.Supervisor.Export;
using static MoneyBot.Supervisor.Tests.Export.KubernetesExport;

namespace MoneyBot.Supervisor.Tests.Export;

/// <summary>The mapping of docs/supervisor.md 17, setting by setting, read back from the manifests.</summary>
public sealed class KubernetesMappingTests
{
    private const string Token = "123456:very-secret-token";

    private static readonly IReadOnlyList<YamlDotNet.RepresentationModel.YamlMappingNode> Every =
        KubernetesExport.Export(
            SystemdExport.Load(
                KubernetesSchemaTests.EverySetting,
                new Dictionary<string, string> { ["BOT_TOKEN"] = Token }
            )
        );

    [Fact]
    public void Each_program_is_one_Deployment_of_one_replica_replaced_by_Recreate()
    {
        var feed = Find(Every, "Deployment", "moneybot-feed");

        Assert.Equal("1", Text(feed, "spec.replicas"));
        Assert.Equal("Recreate", Text(feed, "spec.strategy.type"));
        Assert.Equal("Always", Text(feed, "spec.template.spec.restartPolicy"));
    }

    [Fact]
    public void Autostart_false_is_zero_replicas()
    {
        Assert.Equal("0", Text(Find(Every, "Deployment", "moneybot-bot"), "spec.replicas"));
    }

    [Fact]
    public void The_container_runs_the_program_under_pod_run_with_its_settings()
    {
        var feed = Container(Every, "feed");

        Assert.Equal(
            [
                "/app/.build/moneybot/moneybot",
                "pod",
                "run",
                "feed",
                "--ready",
                "start_secs",
                "--start-secs",
                "5s",
                "--watchdog",
                "0s",
                "--stop-signal",
                "INT",
                "--stop-timeout",
                "2m",
                "--",
            ],
            Items(feed, "command")
        );
        Assert.Equal("/usr/local/bin/feed", Items(feed, "args")[0]);
        Assert.Equal(
            "125",
            Text(Find(Every, "Deployment", "moneybot-feed"), "spec.template.spec.terminationGracePeriodSeconds")
        );
    }

    [Fact]
    public void Paths_under_the_base_directory_are_the_images_paths_under_app()
    {
        var bot = Container(Every, "bot");

        Assert.Equal("/app/bin/bot", Items(bot, "args")[0]);
        Assert.Equal("/app/work", Text(bot, "workingDir"));
    }

    [Fact]
    public void A_dependency_gets_a_headless_Service_and_the_dependent_an_init_container_waiting_for_it()
    {
        var service = Find(Every, "Service", "moneybot-feed");
        var bot = Find(Every, "Deployment", "moneybot-bot");

        Assert.Equal("None", Text(service, "spec.clusterIP"));
        Assert.Equal("feed", Value(service, "spec.selector", "app.kubernetes.io/name"));
        Assert.Equal("wait-feed", Text(bot, "spec.template.spec.initContainers.0.name"));
        Assert.Equal(
            ["/app/.build/moneybot/moneybot", "pod", "wait", "moneybot-feed"],
            Items(bot, "spec.template.spec.initContainers.0.command")
        );
        Assert.DoesNotContain(Every, d => Text(d, "kind") == "Service" && Text(d, "metadata.name") == "moneybot-bot");
    }

    [Fact]
    public void A_loopback_port_shared_with_a_dependency_is_served_on_every_address_and_called_by_Service_name()
    {
        var feed = Container(Every, "feed");
        var bot = Container(Every, "bot");

        Assert.Equal(["[::]:7000", "localhost:7001"], Items(feed, "args").Skip(2).Where(a => !a.StartsWith('-')));
        Assert.Equal("7000", Text(feed, "ports.0.containerPort"));
        Assert.Equal("7000", Text(Find(Every, "Service", "moneybot-feed"), "spec.ports.0.port"));
        Assert.Equal("http://moneybot-feed:7000/ws", Items(bot, "args")[2]);
    }

    [Fact]
    public void Secrets_come_from_the_Secret_by_key_and_are_never_written()
    {
        var bot = Container(Every, "bot");
        var all = AllText(
            KubernetesManifests.Export(
                SystemdExport.Load(
                    KubernetesSchemaTests.EverySetting,
                    new Dictionary<string, string> { ["BOT_TOKEN"] = Token }
                )
            )
        );

        Assert.DoesNotContain(Token, all, StringComparison.Ordinal);
        var token = Entry(bot, "TOKEN");
        Assert.Equal("moneybot-env", Text(token, "valueFrom.secretKeyRef.name"));
        Assert.Equal("BOT_TOKEN", Text(token, "valueFrom.secretKeyRef.key"));
        Assert.Null(Text(token, "valueFrom.secretKeyRef.optional"));
        Assert.Equal(
            "Bearer $(MONEYBOT_SECRET_BOT_TOKEN) for $(MONEYBOT_SECRET_BOT_USER)",
            Text(Entry(bot, "HEADER"), "value")
        );
        // In a composed value a missing key would stay as the text $(NAME): the key must be there.
        Assert.Null(Text(Entry(bot, "MONEYBOT_SECRET_BOT_USER"), "valueFrom.secretKeyRef.optional"));
    }

    [Fact]
    public void Values_without_variables_are_in_the_settings_ConfigMap()
    {
        var settings = Find(Every, "ConfigMap", "moneybot-settings");
        var feed = Container(Every, "feed");

        Assert.Equal("paper: yes", Value(settings, "data", "feed.MODE"));
        Assert.Equal("https://x/$(not)/y", Value(settings, "data", "feed.URL"));
        Assert.Equal("feed.MODE", Text(Entry(feed, "MODE"), "valueFrom.configMapKeyRef.key"));
    }

    [Fact]
    public void Resources_are_cpu_requests_and_memory_requests_and_limits()
    {
        var feed = Container(Every, "feed");
        var bot = Container(Every, "bot");

        Assert.Equal("250m", Text(feed, "resources.requests.cpu"));
        Assert.Equal("1536Mi", Text(feed, "resources.limits.memory"));
        Assert.Equal("2", Text(bot, "resources.requests.cpu"));
        Assert.Null(Text(bot, "resources.limits.cpu"));
    }

    [Fact]
    public void The_probes_read_the_notify_state_and_a_watchdog_makes_the_liveness_probe_strict()
    {
        var bot = Container(Every, "bot");

        Assert.Equal(
            ["/app/.build/moneybot/moneybot", "pod", "probe", "bot", "--ready"],
            Items(bot, "readinessProbe.exec.command")
        );
        Assert.Equal("--live", Items(bot, "livenessProbe.exec.command")[^1]);
        Assert.Equal("11", Text(bot, "livenessProbe.periodSeconds"));
        Assert.Equal("2", Text(bot, "livenessProbe.failureThreshold"));
        Assert.Equal("10", Text(bot, "livenessProbe.terminationGracePeriodSeconds"));
        // start_secs 5s and 10 s to spare, probed every 2 s.
        Assert.Equal("8", Text(Container(Every, "feed"), "startupProbe.failureThreshold"));
    }

    [Fact]
    public void The_namespace_and_image_options_apply_to_every_object()
    {
        var documents = KubernetesExport.Export(
            SystemdExport.Load(SystemdExport.Shipped("moneybot.yaml")),
            new KubernetesExportOptions("bots", "registry.example.com/mb:2")
        );

        Assert.All(documents, d => Assert.Equal("bots", Text(d, "metadata.namespace")));
        Assert.Equal("registry.example.com/mb:2", Text(Container(documents, "exchange"), "image"));
    }

    [Theory]
    [InlineData("Bad_Name", "programs.Bad_Name: 'Bad_Name' cannot name a Kubernetes object")]
    [InlineData("ok", null)]
    public void A_program_name_Kubernetes_cannot_use_is_refused_by_name(string name, string? message)
    {
        var config = SystemdExport.Load($"programs:\n  {name}: {{ command: /bin/true }}\n");

        var error = Record.Exception(() => KubernetesManifests.Export(config));

        Assert.Equal(message, error is null ? null : error.Message[..message!.Length]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("moneybot: 1.0")]
    public void An_image_that_is_no_image_name_is_refused(string image)
    {
        var config = SystemdExport.Load("programs:\n  a: { command: /bin/true }\n");

        var error = Assert.Throws<InvalidOperationException>(() =>
            KubernetesManifests.Export(config, new KubernetesExportOptions(Image: image))
        );

        Assert.Equal($"image '{image}': give an image name such as moneybot:1.0", error.Message);
    }

    [Fact]
    public void The_pod_shares_its_process_namespace_so_that_orphans_are_reaped()
    {
        Assert.Equal(
            "true",
            Text(Find(Every, "Deployment", "moneybot-feed"), "spec.template.spec.shareProcessNamespace")
        );
    }

    [Theory]
    [InlineData("[exchange, orderflow]")]
    [InlineData("[orderflow, exchange]")]
    public void A_port_is_served_by_the_program_furthest_down_that_names_it_whatever_the_order(string dependsOn)
    {
        var documents = KubernetesExport.Export(
            SystemdExport.Load(
                $$"""
                programs:
                  exchange: { command: /bin/ex, args: [--urls, "http://127.0.0.1:8090"] }
                  orderflow:
                    command: /bin/of
                    args: [--rest, "http://127.0.0.1:8090", --http, "http://127.0.0.1:8091"]
                    depends_on: [exchange]
                  dashboard:
                    command: /bin/db
                    args: [--of, "http://127.0.0.1:8091", --ex, "http://127.0.0.1:8090"]
                    depends_on: {{dependsOn}}
                """
            )
        );

        Assert.Equal("http://0.0.0.0:8090", Items(Container(documents, "exchange"), "args")[2]);
        Assert.Equal(
            ["--rest", "http://moneybot-exchange:8090", "--http", "http://0.0.0.0:8091"],
            Items(Container(documents, "orderflow"), "args").Skip(1)
        );
        Assert.Equal(
            ["--of", "http://moneybot-orderflow:8091", "--ex", "http://moneybot-exchange:8090"],
            Items(Container(documents, "dashboard"), "args").Skip(1)
        );
        Assert.Equal("8091", Text(Find(documents, "Service", "moneybot-orderflow"), "spec.ports.0.port"));
        Assert.Null(Text(Find(documents, "Service", "moneybot-orderflow"), "spec.ports.1.port"));
    }

    [Fact]
    public void Every_dollar_is_doubled_where_Kubernetes_expands_dollar_parentheses()
    {
        var documents = KubernetesExport.Export(
            SystemdExport.Load(
                """
                programs:
                  bot:
                    command: /bin/bot
                    args: [--price, "$$(TOKEN) costs $$5"]
                    env: { LINE: "cost: $$${PRICE}" }
                """,
                new Dictionary<string, string> { ["PRICE"] = "42" }
            )
        );
        var bot = Container(documents, "bot");

        Assert.Equal("$$(TOKEN) costs $$5", Items(bot, "args")[2]);
        Assert.Equal("cost: $$$(MONEYBOT_SECRET_PRICE)", Text(Entry(bot, "LINE"), "value"));
        Assert.Null(Text(Entry(bot, "MONEYBOT_SECRET_PRICE"), "valueFrom.secretKeyRef.optional"));
    }

    [Fact]
    public void A_line_break_in_a_value_quoted_by_a_comment_stays_inside_the_comment()
    {
        var files = KubernetesManifests.Export(
            SystemdExport.Load("programs:\n  bot: { command: /bin/bot, env: { D: \"${PRICE:-x\\nreplicas: 5}\" } }\n")
        );

        var documents = KubernetesExport.Documents(files);

        Assert.Equal("1", Text(Find(documents, "Deployment", "moneybot-bot"), "spec.replicas"));
        Assert.Contains("# D: the default 'x replicas: 5'", files[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_pod_is_placed_beside_the_others_as_they_share_the_data_claim()
    {
        var affinity = At(
            Find(Every, "Deployment", "moneybot-bot"),
            "spec.template.spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution.0"
        )!;

        Assert.Equal("moneybot", Value(affinity, "labelSelector.matchLabels", "app.kubernetes.io/part-of"));
        Assert.Equal("kubernetes.io/hostname", Text(affinity, "topologyKey"));
    }

    [Fact]
    public void A_program_named_like_the_container_waiting_for_its_dependency_is_refused()
    {
        var config = SystemdExport.Load(
            "programs:\n  feed: { command: /bin/f }\n  wait-feed: { command: /bin/w, depends_on: [feed] }\n"
        );

        var error = Assert.Throws<InvalidOperationException>(() => KubernetesManifests.Export(config));

        Assert.StartsWith(
            "programs.wait-feed: the name is that of the container",
            error.Message,
            StringComparison.Ordinal
        );
    }

    [Theory]
    [InlineData("Extgap_1.h", null)]
    [InlineData("my group", "programs.a.group: 'my group' cannot be a Kubernetes label value")]
    [InlineData("-x", "programs.a.group: '-x' cannot be a Kubernetes label value")]
    public void A_group_is_a_label_and_one_Kubernetes_cannot_use_is_refused(string group, string? message)
    {
        var config = SystemdExport.Load($"programs:\n  a: {{ command: /bin/true, group: \"{group}\" }}\n");

        var error = Record.Exception(() => KubernetesManifests.Export(config));

        Assert.Equal(message, error is null ? null : error.Message[..message!.Length]);
        if (message is null)
        {
            var labels = "spec.template.metadata.labels";
            Assert.Equal(
                group,
                Value(Find(KubernetesExport.Export(config), "Deployment", "moneybot-a"), labels, "moneybot/group")
            );
        }
    }

    [Fact]
    public void A_secret_in_the_arguments_is_refused()
    {
        var config = SystemdExport.Load(
            "programs:\n  bot: { command: /bin/bot, args: [--token, \"${BOT_TOKEN}\"] }\n",
            new Dictionary<string, string> { ["BOT_TOKEN"] = Token }
        );

        var error = Assert.Throws<InvalidOperationException>(() => KubernetesManifests.Export(config));

        Assert.StartsWith("programs.bot.args[1]: holds a secret", error.Message, StringComparison.Ordinal);
    }

    internal static YamlDotNet.RepresentationModel.YamlNode Entry(
        YamlDotNet.RepresentationModel.YamlNode container,
        string name
    ) =>
        ((YamlDotNet.RepresentationModel.YamlSequenceNode)At(container, "env")!).Children.Single(e =>
            Text(e, "name") == name
        );
}

# MoneyBot in a container: the supervisor daemon and every program it runs, as Native AOT executables.
#   docker build -t moneybot .
#   docker run -d --name moneybot --init -v moneybot-data:/app/data moneybot
# Paths that other tools rely on (the Kubernetes export runs this image): the executables are
# /app/.build/<name>/<name>, exactly where the shipped config/*.yaml expect them, the working directory is /app and
# the data is /app/data. README.md "Docker" says how to run it; the tests in
# tests/MoneyBot.Supervisor.Tests/Deploy/DockerfileTests.cs lint this file and check it against ./moneybot and the
# configs.

# Build: the .NET 10 SDK image with the Native AOT toolchain (clang, zlib1g-dev) already in it (the "-aot"
# variant); Ubuntu 24.04 like the runtime image below.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble-aot AS build
WORKDIR /src

# Restore first, from the project files only, so that a change to the sources reuses this layer. The projects are
# those ./moneybot publishes and the libraries they reference; restored for linux-x64 with Native AOT as published.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY common/MoneyBot.Common.csproj common/
COPY bots/MoneyBot.MarketData/MoneyBot.MarketData.csproj bots/MoneyBot.MarketData/
COPY bots/MoneyBot.ExtGap/MoneyBot.ExtGap.csproj bots/MoneyBot.ExtGap/
COPY bots/MoneyBot.ExchangeSim/MoneyBot.ExchangeSim.csproj bots/MoneyBot.ExchangeSim/
COPY bots/MoneyBot.OrderFlow/MoneyBot.OrderFlow.csproj bots/MoneyBot.OrderFlow/
COPY supervisor/MoneyBot.Supervisor.csproj supervisor/
COPY dashboard/MoneyBot.Dashboard/MoneyBot.Dashboard.csproj dashboard/MoneyBot.Dashboard/
# One restore per project; xargs fails the step when any of them fails (find -exec would not).
RUN find . -name '*.csproj' -print0 | xargs -0 -I {} dotnet restore {} -r linux-x64 -p:PublishAot=true

# The sources, the code style the build enforces (.editorconfig, CSharpier's settings) and the build script.
COPY .editorconfig .csharpierrc.yaml .csharpierignore moneybot ./
COPY common/ common/
COPY bots/ bots/
COPY supervisor/ supervisor/
COPY dashboard/ dashboard/
COPY config/moneybot.yaml config/live.yaml config/

# ./moneybot itself publishes every executable, from its own list and with its own flags (Release, linux-x64,
# Native AOT, debug symbols removed), into .build/<name>/ -- the same build as on a developer's machine and in CI.
# Checking both shipped configs then runs the native supervisor once.
RUN ./moneybot config check config/moneybot.yaml \
    && ./moneybot config check config/live.yaml \
    && rm -f .build/build.log .build/build.lock .build/.built

# Run: only what a Native AOT executable needs from the OS (no .NET runtime), Ubuntu 24.04 as above.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble
WORKDIR /app

# The executables (root-owned: the programs cannot change them) and the configs; never config/.env, which
# .dockerignore keeps out of the build context: secrets come at run time (--env-file or the environment).
COPY --from=build /src/.build/ /app/.build/
COPY config/moneybot.yaml config/live.yaml config/.env.example /app/config/

# setsid (util-linux) starts each program in its own process group; data/, logs/ and run/ belong to the image's
# non-root user "app" ($APP_UID, 1654), which the daemon keeps closed to others (0750). The native supervisor
# must run on this image: it checks the default config here.
RUN test -x /usr/bin/setsid \
    && install -d -o "$APP_UID" -g "$APP_UID" -m 0750 /app/data /app/logs /app/run \
    && /app/.build/moneybot/moneybot config check /app/config/moneybot.yaml

# MONEYBOT_ROOT: where the CLI finds config/moneybot.yaml (MONEYBOT_CONFIG picks another file); PATH: so that
# "docker exec moneybot moneybot status" works; DOTNET_GCgen0size: the daemon's 2 MB gen0 budget that ./moneybot and
# "up" give it (the daemon removes it from its programs' environment; see supervisor/Daemon/DaemonRuntime.cs).
ENV MONEYBOT_ROOT=/app \
    PATH=/app/.build/moneybot:$PATH \
    DOTNET_GCgen0size=0x200000

# The bots' CSVs and state, and the simulator's clock: keep them across containers.
VOLUME ["/app/data"]
USER $APP_UID

# The shipped configs listen on 127.0.0.1 only (the order-flow API on 8091, the dashboard on 8092), which is not
# reachable from outside the container; nothing is exposed. README.md "Docker" says how to publish the dashboard.

# Healthy when every autostart program is RUNNING; programs may take up to their ready_timeout (2 min) at first.
HEALTHCHECK --interval=30s --timeout=10s --start-period=3m --retries=3 \
    CMD ["/app/.build/moneybot/moneybot", "health"]

# The daemon in the foreground: logs also go to stderr, TERM (docker stop) stops the programs and then the daemon.
ENTRYPOINT ["/app/.build/moneybot/moneybot"]
CMD ["daemon"]

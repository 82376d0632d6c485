using System.CommandLine;
using Hop.Accounts;
using Hop.Clicks;
using Hop.Data;
using Hop.Hosting;
using Microsoft.Extensions.Logging.Console;

namespace Hop.Cli;

/// <summary>
/// The verbs of the one binary. <c>hop</c> and <c>hop serve</c> run the web app (so that
/// <c>dotnet run</c> and the test host work unchanged); every other verb is a command below.
/// </summary>
internal static partial class HopCli
{
    private const string Serve = "serve";

    public static bool IsVerb(string[] args) =>
        args is [var first, ..] && first != Serve && !first.StartsWith('-');

    /// <summary>The arguments for the web host: everything after an optional leading "serve".</summary>
    public static string[] ServeArguments(string[] args) =>
        HostArguments(args is [Serve, .. var rest] ? rest : args);

    /// <summary>
    /// The host's arguments, with configuration files read once at start rather than watched. The
    /// watcher covers the content root and every folder under it, and the default SQLite file lives
    /// there (./data), so each database write would wake a thread to sift file events. Configuration
    /// changes take a restart; an argument of the caller's own comes later and wins.
    /// </summary>
    private static string[] HostArguments(string[] args) => ["--hostBuilder:reloadConfigOnChange=false", .. args];

    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Hop: a self-hosted URL shortener.")
        {
            new Command(Serve, "Serve redirects, the API and the web UI (the default)."),
            MigrateCommand(),
            WorkerCommand(),
            UsersCommand(),
            KeysCommand(),
            BlocklistCommand(),
            DomainsCommand(),
            CapacityCommand(),
        };
        return root.Parse(args).InvokeAsync();
    }

    private static Command MigrateCommand()
    {
        var command = new Command("migrate", "Apply database migrations to the configured database and exit.");
        command.SetAction(async (_, ct) =>
        {
            using var host = BuildHost([]);
            await using var scope = host.Services.CreateAsyncScope();
            var pending = await DataServices.MigrateAllAsync(scope.ServiceProvider, ct);
            await Console.Out.WriteLineAsync(pending.Count == 0
                ? "The schema is up to date."
                : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
            return 0;
        });
        return command;
    }

    private static Command WorkerCommand()
    {
        var command = new Command("worker",
            "Consume click events from RabbitMQ (Clicks:RabbitMq:Uri) and write them to the clicks database until stopped.");
        command.SetAction(async (_, ct) =>
        {
            var builder = CreateHostBuilder([]);
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.AddClickWorker();
            using var host = builder.Build();
            if (!host.OptionsAreValid())
            {
                return 1;
            }

            var transport = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClickOptions>>().Value;
            if (transport.Transport != ClickTransportKind.RabbitMq)
            {
                await Console.Error.WriteLineAsync(
                    "hop worker consumes from RabbitMQ: set Clicks:Transport=RabbitMq and Clicks:RabbitMq:Uri "
                    + "(e.g. HOP__Clicks__Transport=RabbitMq).");
                return 2;
            }

            await host.RunAsync(ct);
            return 0;
        });
        return command;
    }

    /// <summary>A host with the app's configuration and data services, for verbs that are not the web app.</summary>
    private static IHost BuildHost(string[] args) => CreateHostBuilder(args).Build();

    private static HostApplicationBuilder CreateHostBuilder(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(HostArguments(args));
        builder.AddHopHost();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Standard output carries what a verb prints (a new key's secret, a table), so logs never go there.
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        // EF logs the probe of a not-yet-created history table as a failed command; a failure that
        // matters surfaces as the verb's exception instead.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        builder.AddData();
        builder.AddAccountStore();
        return builder;
    }
}

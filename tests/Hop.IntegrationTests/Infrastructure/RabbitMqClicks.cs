using System.Diagnostics;
using System.Text;
using Hop.Data;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>The RabbitMQ node ./test.sh starts (HOP_TEST_RABBITMQ) and its rabbitmqctl (HOP_TEST_RABBITMQ_CTL).</summary>
internal static class RabbitMqTestServer
{
    public static string Uri => Require("HOP_TEST_RABBITMQ");

    /// <summary>Runs rabbitmqctl for the test node, e.g. <c>stop_app</c> or <c>start_app</c>.</summary>
    public static async Task CtlAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo(Require("HOP_TEST_RABBITMQ_CTL"), command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"rabbitmqctl {command} failed: {await output}{await error}");
    }

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set. Run the tests through ./test.sh.");
}

/// <summary>A fixture whose clicks go through RabbitMQ, on an exchange and queue of its own.</summary>
internal interface IRabbitClicksFactory
{
    DatabaseProvider WorkerProvider { get; }
    string WorkerConnectionString { get; }
    string Exchange { get; }
    string Queue { get; }
}

internal static class RabbitClickSettings
{
    public static IEnumerable<KeyValuePair<string, string>> For(IRabbitClicksFactory factory, int queueCapacity) =>
    [
        .. ClickTestSettings.Fast,
        new("Clicks:Transport", "RabbitMq"),
        new("Clicks:RabbitMq:Uri", RabbitMqTestServer.Uri),
        new("Clicks:RabbitMq:Exchange", factory.Exchange),
        new("Clicks:RabbitMq:Queue", factory.Queue),
        new("Clicks:QueueCapacity", queueCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Clicks:BatchSize", "10"),
    ];

    public static string NewName() => $"hop.test.{Guid.NewGuid():N}";
}

public class SqliteRabbitClicksFactory : SqliteClicksFactory, IRabbitClicksFactory
{
    public virtual int QueueCapacity => 100_000;
    public string Exchange { get; } = RabbitClickSettings.NewName();
    public string Queue => Exchange + ".visits";
    DatabaseProvider IRabbitClicksFactory.WorkerProvider => DatabaseProvider.Sqlite;
    string IRabbitClicksFactory.WorkerConnectionString => ConnectionString;
    protected override IEnumerable<KeyValuePair<string, string>> Settings => RabbitClickSettings.For(this, QueueCapacity);
}

public class PostgresRabbitClicksFactory : PostgresClicksFactory, IRabbitClicksFactory
{
    public virtual int QueueCapacity => 100_000;
    public string Exchange { get; } = RabbitClickSettings.NewName();
    public string Queue => Exchange + ".visits";
    DatabaseProvider IRabbitClicksFactory.WorkerProvider => DatabaseProvider.Postgres;
    string IRabbitClicksFactory.WorkerConnectionString => ConnectionString;
    protected override IEnumerable<KeyValuePair<string, string>> Settings => RabbitClickSettings.For(this, QueueCapacity);
}

/// <summary>A small in-process queue, so that a broker outage overflows it.</summary>
public sealed class SqliteSmallQueueRabbitClicksFactory : SqliteRabbitClicksFactory
{
    public override int QueueCapacity => 40;
}

public sealed class PostgresSmallQueueRabbitClicksFactory : PostgresRabbitClicksFactory
{
    public override int QueueCapacity => 40;
}

/// <summary><c>hop worker</c> as a real child process: the built hop.dll run with <c>dotnet exec</c>.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static WorkerProcess Start(IRabbitClicksFactory factory, int batchSize)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hop.dll"));
        start.ArgumentList.Add("worker");
        start.Environment["HOP__Database__Provider"] = factory.WorkerProvider.ToString();
        start.Environment["HOP__Database__ConnectionString"] = factory.WorkerConnectionString;
        start.Environment["HOP__Database__AutoMigrate"] = "false";
        start.Environment["HOP__Clicks__Transport"] = "RabbitMq";
        start.Environment["HOP__Clicks__RabbitMq__Uri"] = RabbitMqTestServer.Uri;
        start.Environment["HOP__Clicks__RabbitMq__Exchange"] = factory.Exchange;
        start.Environment["HOP__Clicks__RabbitMq__Queue"] = factory.Queue;
        start.Environment["HOP__Clicks__BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["HOP__Clicks__FlushInterval"] = "00:00:00.100";
        var process = new Process { StartInfo = start };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: no shutdown hooks, no acks for what is in flight.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

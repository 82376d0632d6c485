using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hop.IntegrationTests.Infrastructure;

namespace Hop.IntegrationTests.Clicks;

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

    /// <summary>A worker on <paramref name="host"/>'s database and its <see cref="RabbitClicks"/> queue.</summary>
    public static WorkerProcess Start(HopHost host, int batchSize)
    {
        var rabbit = host.Profile as RabbitClicks
            ?? throw new InvalidOperationException($"The {host.Profile.GetType().Name} profile does not send clicks through RabbitMQ.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(HopProcess.DllPath);
        start.ArgumentList.Add("worker");
        start.Environment["HOP__Database__Provider"] = host.Provider.ToString();
        start.Environment["HOP__Database__ConnectionString"] = host.DatabaseConnectionString;
        start.Environment["HOP__Database__AutoMigrate"] = "false";
        start.Environment["HOP__Clicks__Transport"] = "RabbitMq";
        start.Environment["HOP__Clicks__RabbitMq__Uri"] = RabbitMqTestServer.Uri;
        start.Environment["HOP__Clicks__RabbitMq__Exchange"] = rabbit.Exchange;
        start.Environment["HOP__Clicks__RabbitMq__Queue"] = rabbit.Queue;
        start.Environment["HOP__Clicks__BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture);
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

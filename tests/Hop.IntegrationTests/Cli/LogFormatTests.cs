using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hop.IntegrationTests.Infrastructure;

namespace Hop.IntegrationTests.Cli;

/// <summary>
/// What <c>hop serve</c> prints when it is ready: plain lines for a person at a terminal, JSON lines for
/// a collector, and whatever <c>Logs:Format</c> says when it says.
/// </summary>
public sealed partial class LogFormatTests : IDisposable
{
    private readonly TempDirectory _directory = new("hop-logs-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Output_that_is_not_a_terminal_gets_json_lines()
    {
        var line = await ReadyLineAsync(new Dictionary<string, string>(), terminal: false);
        using var json = JsonDocument.Parse(line);
        Assert.Equal(1, json.RootElement.GetProperty("EventId").GetInt32());
        Assert.StartsWith("Hop is ready at http://127.0.0.1:", json.RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", json.RootElement.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_terminal_gets_plain_lines()
    {
        Assert.True(File.Exists("/usr/bin/script"), "script(1) from util-linux runs hop on a pseudo-terminal");
        var line = await ReadyLineAsync(new Dictionary<string, string>(), terminal: true);
        Assert.Matches(PlainReadyLine(), line);
    }

    [Fact]
    public async Task Logs_format_chooses_either_whatever_the_output_is()
    {
        var text = await ReadyLineAsync(new Dictionary<string, string> { ["HOP__LOGS__FORMAT"] = "Text" }, terminal: false);
        Assert.Matches(PlainReadyLine(), text);

        var json = await ReadyLineAsync(new Dictionary<string, string> { ["HOP__LOGS__FORMAT"] = "Json" }, terminal: true);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(1, parsed.RootElement.GetProperty("EventId").GetInt32());
    }

    /// <summary>Starts hop on the embedded default and returns the first line that says it is ready.</summary>
    private async Task<string> ReadyLineAsync(Dictionary<string, string> environment, bool terminal)
    {
        string[] args = ["serve", "--urls", "http://127.0.0.1:0", $"--Database:ConnectionString=Data Source={Path.Combine(_directory.Path, $"{Guid.NewGuid():N}.db")}"];
        var start = terminal
            ? TerminalStartInfo(environment, args)
            : HopProcess.StartInfo(_directory.Path, environment, args);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start hop");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Contains("Hop is ready at", StringComparison.Ordinal))
                {
                    // A terminal gets colours; the words are what is checked here.
                    return AnsiColour().Replace(line, "").Trim();
                }
            }

            throw new InvalidOperationException($"hop exited without saying it is ready: {await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)}");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <summary>hop under script(1), whose output is a pseudo-terminal, as under <c>dotnet run</c> in a shell.</summary>
    private ProcessStartInfo TerminalStartInfo(Dictionary<string, string> environment, string[] args)
    {
        var command = $"exec dotnet exec {Quote(HopProcess.DllPath)} {string.Join(' ', args.Select(Quote))}";
        var info = HopProcess.StartInfo(_directory.Path, environment);
        info.FileName = "/usr/bin/script";
        info.ArgumentList.Clear();
        foreach (var arg in new[] { "--quiet", "--return", "--command", command, "/dev/null" })
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiColour();

    [GeneratedRegex(@"^\d\d:\d\d:\d\d info: Hop\[1\] Hop is ready at http://127\.0\.0\.1:\d+$")]
    private static partial Regex PlainReadyLine();
}

using System.Diagnostics;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>Runs the real hop binary (built next to the tests) as a child process.</summary>
internal static class HopProcess
{
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "hop.dll");

    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    /// <summary>Runs to completion (bounded by <paramref name="timeout"/>) and returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var (exitCode, stdout, stderr) = await RunAsync(StartInfo(workingDirectory, environment, args), stdin: null, timeout, CancellationToken.None);
        return (exitCode, stdout + stderr);
    }

    /// <summary>
    /// Runs <paramref name="start"/> to completion with <paramref name="stdin"/> as its input (bounded by
    /// <paramref name="timeout"/>, which only limits a failure) and returns its exit code, stdout and stderr apart.
    /// </summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(
        ProcessStartInfo start, string? stdin, TimeSpan timeout, CancellationToken ct)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start hop");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"hop {string.Join(' ', start.ArgumentList)} did not finish in {timeout}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}

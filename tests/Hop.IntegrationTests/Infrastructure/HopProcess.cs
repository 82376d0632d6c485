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
        using var process = Process.Start(StartInfo(workingDirectory, environment, args))
            ?? throw new InvalidOperationException("could not start hop");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"hop {string.Join(' ', args)} did not finish in {timeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}

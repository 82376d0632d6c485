using System.Diagnostics;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>The RabbitMQ node ./test.sh starts (HOP_TEST_RABBITMQ) and its rabbitmqctl (HOP_TEST_RABBITMQ_CTL).</summary>
internal static class RabbitMqTestServer
{
    public static string Uri => Require("HOP_TEST_RABBITMQ");

    /// <summary>Runs rabbitmqctl for the test node, e.g. <c>stop_app</c> or <c>start_app</c>, and returns its output.</summary>
    public static async Task<string> CtlAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Require("HOP_TEST_RABBITMQ_CTL"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"rabbitmqctl {string.Join(' ', arguments)} failed: {await output}{await error}");
        return await output;
    }

    /// <summary>
    /// The messages <paramref name="queue"/> holds, ready and unacknowledged together; 0 once every
    /// delivery has been acked, so no redelivery can still arrive.
    /// </summary>
    public static async Task<long> MessagesAsync(string queue)
    {
        var output = await CtlAsync("list_queues", "--quiet", "--no-table-headers", "name", "messages");
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('\t');
            if (fields.Length == 2 && fields[0] == queue)
            {
                return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"rabbitmqctl does not list the queue {queue}: {output}");
    }

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set. Run the tests through ./test.sh.");
}

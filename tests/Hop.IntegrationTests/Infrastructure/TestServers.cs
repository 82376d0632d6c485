namespace Hop.IntegrationTests.Infrastructure;

/// <summary>
/// Where the servers that ./test.sh starts can be reached. A missing server is a failure, never a skip:
/// run the tests through ./test.sh, or export the variables yourself.
/// </summary>
internal static class TestServers
{
    public static string Postgres => Require("HOP_TEST_POSTGRES");

    /// <summary>host:port of the throwaway Redis.</summary>
    public static string Redis => Require("HOP_TEST_REDIS");

    /// <summary>Script taking stop | start | restart for that Redis.</summary>
    public static string RedisControl => Require("HOP_TEST_REDIS_CTL");

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run the tests through ./test.sh, which starts the servers they need.");
}

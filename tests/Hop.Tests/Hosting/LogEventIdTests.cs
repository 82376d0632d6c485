using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Hop.Tests.Hosting;

public class LogEventIdTests
{
    private static readonly List<(string Method, int EventId)> Messages =
    [
        .. typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.Name}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .Select(m => (m.Method, m.Attribute!.EventId)),
    ];

    [Fact]
    public void Every_log_message_has_an_event_id_of_its_own()
    {
        Assert.True(Messages.Count >= 30, $"only {Messages.Count} [LoggerMessage] methods found");
        Assert.All(Messages, m => Assert.True(m.EventId > 0, $"{m.Method} has no event id"));
        var shared = Messages.GroupBy(m => m.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}").ToList();
        Assert.True(shared.Count == 0, "event ids used twice: " + string.Join("; ", shared));
    }
}

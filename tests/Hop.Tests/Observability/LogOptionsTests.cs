using Hop.Observability;

namespace Hop.Tests.Observability;

public class LogOptionsTests
{
    [Theory]
    [InlineData("Auto", false, "Text")]
    [InlineData("Auto", true, "Json")]
    [InlineData("Json", false, "Json")]
    [InlineData("Text", true, "Text")]
    public void Auto_logs_text_to_a_terminal_and_json_elsewhere_unless_a_format_is_set(
        string format, bool outputRedirected, string expected) =>
        Assert.Equal(Enum.Parse<LogFormat>(expected), new LogOptions { Format = Enum.Parse<LogFormat>(format) }.Resolve(outputRedirected));
}

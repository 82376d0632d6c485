using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Hop.Observability;

/// <summary>
/// Console logs for whoever reads them: plain single lines for a person at a terminal (`dotnet run`),
/// JSON lines for a collector; <c>Logs:Format</c> says which, by default from whether the output is a
/// terminal.
/// </summary>
internal static class HopLogging
{
    public static void AddHopLogging(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LogOptions>().BindConfiguration(LogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // After every other configuration, so that it knows whether the logs go to standard error.
        services.AddOptions<ConsoleLoggerOptions>().PostConfigure<IOptions<LogOptions>>((console, logs) =>
        {
            var redirected = console.LogToStandardErrorThreshold == LogLevel.Trace ? Console.IsErrorRedirected : Console.IsOutputRedirected;
            console.FormatterName = FormatOf(logs).Resolve(redirected) == LogFormat.Json
                ? ConsoleFormatterNames.Json
                : ConsoleFormatterNames.Simple;
        });
        services.Configure<JsonConsoleFormatterOptions>(json =>
        {
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        services.Configure<SimpleConsoleFormatterOptions>(text =>
        {
            text.SingleLine = true;
            text.TimestampFormat = "HH:mm:ss ";
        });
    }

    /// <summary>
    /// The logger is made before the host checks its options; a bad <c>Logs:Format</c> logs as
    /// <see cref="LogFormat.Auto"/> meanwhile, so that the check can report it with every other error.
    /// </summary>
    private static LogOptions FormatOf(IOptions<LogOptions> logs)
    {
        try
        {
            return logs.Value;
        }
        catch (OptionsValidationException)
        {
            return new LogOptions();
        }
    }
}

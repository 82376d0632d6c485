using Hop.Observability;
using Microsoft.Extensions.Configuration.CommandLine;

namespace Hop.Hosting;

internal static class HopConfiguration
{
    public const string EnvironmentPrefix = "HOP__";
    public const string DefaultUrl = "http://localhost:8080";

    /// <summary>
    /// Adds <c>HOP__SECTION__KEY</c> environment variables (above appsettings, below the command line)
    /// and listens on <see cref="DefaultUrl"/> unless an address was configured.
    /// </summary>
    public static void AddHopConfiguration(this WebApplicationBuilder builder)
    {
        builder.AddHopHost();
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrEmpty(builder.Configuration["Kestrel:Endpoints:Http:Url"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
    }

    /// <summary>
    /// What every host of the binary shares, the web app and the CLI verbs alike: the <c>HOP__</c>
    /// variables, the defaults below them, the console log format, and the one clock that logic reads.
    /// </summary>
    public static void AddHopHost(this IHostApplicationBuilder builder)
    {
        builder.Configuration.AddHopEnvironmentVariables();
        builder.Configuration.AddHopDefaults();
        builder.AddHopLogging();
        builder.Services.AddSingleton(TimeProvider.System);
    }

    /// <summary>Defaults below every other source, so any file or variable can override them.</summary>
    public static void AddHopDefaults(this IConfigurationManager configuration)
    {
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            },
        });
    }

    public static void AddHopEnvironmentVariables(this IConfigurationManager configuration)
    {
        var sources = configuration.Sources;
        var commandLine = sources.ToList().FindIndex(s => s is CommandLineConfigurationSource);
        var source = new Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource
        {
            Prefix = EnvironmentPrefix,
        };
        if (commandLine < 0)
        {
            sources.Add(source);
        }
        else
        {
            sources.Insert(commandLine, source);
        }
    }
}

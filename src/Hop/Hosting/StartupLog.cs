using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hop.Hosting;

internal static partial class StartupLog
{
    /// <summary>Prints where Hop can be reached once Kestrel has bound its addresses.</summary>
    public static void LogListeningAddresses(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
            if (addresses is null)
            {
                return;
            }

            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Hop");
            foreach (var address in addresses.Addresses)
            {
                HopReady(logger, address);
            }
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Hop is ready at {Address}")]
    private static partial void HopReady(ILogger logger, string address);
}

using Microsoft.Extensions.Options;

namespace Hop.Hosting;

internal static class StartupCheck
{
    /// <summary>
    /// Checks every option registered with ValidateOnStart before anything runs, and prints each
    /// problem to standard error; false when there is one. The host's own check would come only once
    /// its hosted services are made, and some of them read their options as they are made, so the
    /// first bad value would be reported alone.
    /// </summary>
    public static bool OptionsAreValid(this IHost host)
    {
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            return true;
        }
        catch (Exception e) when (e is OptionsValidationException or AggregateException)
        {
            var failures = (e is AggregateException all ? all.InnerExceptions : [e])
                .OfType<OptionsValidationException>()
                .SelectMany(invalid => invalid.Failures);
            Console.Error.WriteLine("Hop cannot start; these settings are not valid:");
            foreach (var failure in failures)
            {
                Console.Error.WriteLine($"  - {failure}");
            }

            return false;
        }
    }
}

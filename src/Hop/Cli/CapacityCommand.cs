using System.CommandLine;

namespace Hop.Cli;

internal static partial class HopCli
{
    /// <summary><c>hop capacity</c>: prints the <see cref="CapacityPlan"/> for a load; touches no database.</summary>
    private static Command CapacityCommand()
    {
        var links = new Option<long>("--links-per-month") { Description = "new links a month", Required = true };
        var reads = new Option<long>("--reads-per-link") { Description = "redirects a link gets over its life", Required = true };
        var years = new Option<int>("--years") { Description = "years the links are kept", Required = true };
        var measured = new Option<double?>("--measured-rps") { Description = "cache-hot redirects/s one instance serves (default: the README's measurement, 38,697 on 2 cores)" };
        var peak = new Option<double?>("--peak-factor") { Description = "the peak over the average (default 10)" };
        var target = new Option<int?>("--target-length") { Description = "average target URL length in characters (default 100)" };
        var command = new Command("capacity", "Print a back-of-the-envelope plan: requests/s, storage, cache memory, instances, database and broker load.")
        {
            links, reads, years, measured, peak, target,
        };
        command.SetAction(async (parse, ct) =>
        {
            var plan = new CapacityPlan
            {
                LinksPerMonth = parse.GetValue(links),
                ReadsPerLink = parse.GetValue(reads),
                Years = parse.GetValue(years),
            };
            plan = plan with
            {
                MeasuredRps = parse.GetValue(measured) ?? plan.MeasuredRps,
                PeakFactor = parse.GetValue(peak) ?? plan.PeakFactor,
                TargetLength = parse.GetValue(target) ?? plan.TargetLength,
            };
            if (plan.LinksPerMonth < 1 || plan.ReadsPerLink < 0 || plan.Years < 1 || plan.MeasuredRps <= 0 || plan.PeakFactor < 1 || plan.TargetLength < 1)
            {
                await Console.Error.WriteLineAsync(
                    "--links-per-month and --years must be at least 1, --reads-per-link at least 0, --measured-rps above 0, --peak-factor at least 1, --target-length at least 1.");
                return 2;
            }

            await Console.Out.WriteAsync(plan.Describe().AsMemory(), ct);
            return 0;
        });
        return command;
    }
}

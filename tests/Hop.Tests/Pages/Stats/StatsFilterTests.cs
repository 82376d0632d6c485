using Hop.Pages.Stats;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Hop.Tests.Pages.Stats;

/// <summary>The stats form's query: ranges, grains, zones and custom days become the API's windows.</summary>
public class StatsFilterTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 16, 5, 0, DateTimeKind.Utc);

    [Fact]
    public void Without_a_query_it_is_the_last_7_days_per_day_in_UTC()
    {
        var filter = Filter("");
        var window = filter.Window(Now, []);

        Assert.Equal(("7d", "", "day", "UTC"), (filter.Range, filter.Granularity, filter.Grain, filter.TimeZone));
        Assert.True(filter.EndsNow);
        Assert.NotNull(window);
        Assert.Equal(new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc), window.FromUtc);
        Assert.Equal(new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc), window.ToUtc);
        Assert.Equal("?range=7d&tz=UTC", filter.Query);
    }

    [Theory]
    [InlineData("range=24h", "hour", 25)]
    [InlineData("range=30d", "day", 31)]
    [InlineData("range=90d", "week", 14)]
    [InlineData("range=90d&granularity=month", "month", 4)]
    [InlineData("range=7d&granularity=HOUR", "hour", 169)]
    public void Each_range_has_its_grain_unless_another_is_chosen(string query, string grain, int buckets)
    {
        var window = Filter(query).Window(Now, []);

        Assert.NotNull(window);
        Assert.Equal(grain, window.Granularity.ToString().ToLowerInvariant());
        Assert.Equal(buckets, window.Starts.Length);
    }

    [Fact]
    public void A_custom_range_includes_its_last_day_in_its_zone()
    {
        var filter = Filter("range=custom&from=2026-05-01&to=2026-05-03&tz=Asia/Kolkata");
        var window = filter.Window(Now, []);

        Assert.NotNull(window);
        Assert.False(filter.EndsNow);
        Assert.Equal(3, window.Starts.Length);
        Assert.Equal(new DateTime(2026, 4, 30, 18, 30, 0, DateTimeKind.Utc), window.FromUtc);
        Assert.Equal(new DateTime(2026, 5, 3, 18, 30, 0, DateTimeKind.Utc), window.ToUtc);
        Assert.Equal("?range=custom&tz=Asia%2FKolkata&from=2026-05-01&to=2026-05-03", filter.Query);
    }

    [Fact]
    public void Days_without_a_range_mean_a_custom_range_and_without_a_last_day_it_ends_now()
    {
        var filter = Filter("from=2026-11-30");

        Assert.True(filter.IsCustom);
        Assert.True(filter.EndsNow);
        Assert.Equal(2, filter.Window(Now, [])!.Starts.Length);
    }

    [Theory]
    [InlineData("range=forever", "range")]
    [InlineData("range=custom", "from")]
    [InlineData("range=custom&from=2026-13-01", "from")]
    [InlineData("range=custom&from=2026-05-02&to=2026-05-01", "to")]
    [InlineData("tz=Mars/Olympus", "tz")]
    [InlineData("granularity=minute", "granularity")]
    [InlineData("range=90d&granularity=hour", "from")]
    public void A_bad_choice_names_its_field(string query, string field)
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Null(Filter(query).Window(Now, errors));
        Assert.True(errors.ContainsKey(field), string.Join(", ", errors.Keys));
        Assert.True(StatsFilter.Labels.ContainsKey(field));
    }

    [Fact]
    public void The_time_zones_offered_are_UTC_then_IANA_names()
    {
        Assert.Equal("UTC", StatsTimeZones.All[0]);
        Assert.Contains("Europe/Berlin", StatsTimeZones.All);
        Assert.Contains("America/New_York", StatsTimeZones.All);
        Assert.DoesNotContain(StatsTimeZones.All.Skip(1), z => !z.Contains('/', StringComparison.Ordinal) || z.StartsWith("Etc/", StringComparison.Ordinal));
    }

    private static StatsFilter Filter(string query) =>
        StatsFilter.Of(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)
            .ToDictionary(p => p.Key, p => (StringValues)p.Value)));
}

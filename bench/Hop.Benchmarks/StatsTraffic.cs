using Hop.Clicks;

namespace Hop.Benchmarks;

/// <summary>
/// What one visit of the stats data set looks like, drawn the way real traffic falls: the visitor's agent
/// (class, browser, OS and device together: Safari comes with iOS or macOS, bots with the "Bot" device, as
/// <c>UserAgentClassifier</c> names them), then a referrer that depends on the device (t.co and Instagram
/// on phones, Hacker News and GitHub on desktops; none for bots, unfurlers and mail scanners), then a
/// country (a link's audience leans to one home country; bots come from data centres). A visit is packed
/// into an int of <see cref="ComboBits"/> bits: its profile (browser, OS and device), referrer and country
/// indices, then its class in the lowest <see cref="ClassBits"/>: visits that differ only by class (a
/// prefetch and a click from the same Safari) share one <c>visit_profiles</c> row, as the writer counts them.
/// </summary>
internal sealed class StatsTraffic
{
    public const int ComboBits = 3 * FieldBits + ClassBits;
    public const int ClassBits = 3;
    private const int FieldBits = 6;
    private const int FieldMask = (1 << FieldBits) - 1;

    private readonly Agent[] _agents;
    private readonly Profile[] _profiles;
    private readonly double[] _agentWeights;
    private readonly Dictionary<string, double[]> _referrersByDevice = new(StringComparer.Ordinal);
    private readonly double[] _humanCountries;
    private readonly double[] _botCountries;
    private readonly double[] _hourOfDay;

    public StatsTraffic()
    {
        var profiles = Agents.Select(a => (a.Browser, a.Os, a.Device)).Distinct().ToList();
        _profiles = [.. profiles.Select(p => new Profile(Index(Browsers, p.Browser), Index(Systems, p.Os), Index(Devices, p.Device)))];
        _agents = [.. Agents.Select(a => new Agent(a.Class, profiles.IndexOf((a.Browser, a.Os, a.Device))))];
        _agentWeights = Cumulative(Agents.Select(a => a.Weight));
        foreach (var device in Devices)
        {
            _referrersByDevice[device] = Cumulative(Referrers.Select(r => r.Weight * (device switch
            {
                "Desktop" => r.Desktop,
                "Mobile" or "Tablet" => 2 - r.Desktop,
                _ => 0,
            }) + (device == "Bot" && r.Host == VisitProfile.Direct ? 1 : 0)));
        }

        _humanCountries = Cumulative(Countries.Select(c => c.Weight));
        _botCountries = Cumulative(Countries.Select(c => c.Code switch
        {
            "US" => 40.0,
            "IE" or "DE" or "NL" => 8,
            "SG" or "FR" or "GB" => 3,
            VisitProfile.Unknown => 6,
            _ => 0.1,
        }));
        _hourOfDay = Cumulative(HourOfDay);
    }

    /// <summary>Values of each dimension, indexed by <see cref="StatsDimension"/>.</summary>
    public string[][] Values { get; } =
    [
        [.. Referrers.Select(r => r.Host)],
        Browsers,
        Systems,
        Devices,
        [.. Countries.Select(c => c.Code)],
    ];

    public int CountryCount => Countries.Length;

    /// <summary>One visit's agent, referrer and country, packed.</summary>
    public int Draw(ref SplitMix random, int homeCountry)
    {
        var agent = _agents[Pick(_agentWeights, ref random)];
        var referrer = Pick(_referrersByDevice[Devices[_profiles[agent.Profile].Device]], ref random);
        var country = agent.Class != VisitorClass.Human ? Pick(_botCountries, ref random)
            : random.NextDouble() < 0.3 ? homeCountry
            : Pick(_humanCountries, ref random);
        return ((agent.Profile << FieldBits | referrer) << FieldBits | country) << ClassBits | (int)agent.Class;
    }

    /// <summary>A country drawn from everyone's, a link's home country.</summary>
    public int DrawCountry(ref SplitMix random) => Pick(_humanCountries, ref random);

    /// <summary>An hour of the day, with the day's rhythm (quiet at night UTC, busiest in the European
    /// evening and American afternoon).</summary>
    public int DrawHourOfDay(ref SplitMix random) => Pick(_hourOfDay, ref random);

    public static VisitorClass ClassOf(int combo) => (VisitorClass)(combo & ((1 << ClassBits) - 1));

    /// <summary>The value index of each dimension of a packed visit, in <see cref="StatsDimension"/> order.</summary>
    public void Dimensions(int combo, Span<int> values)
    {
        combo >>= ClassBits;
        var profile = _profiles[combo >> (2 * FieldBits)];
        values[(int)StatsDimension.Referrer] = (combo >> FieldBits) & FieldMask;
        values[(int)StatsDimension.Browser] = profile.Browser;
        values[(int)StatsDimension.Os] = profile.Os;
        values[(int)StatsDimension.Device] = profile.Device;
        values[(int)StatsDimension.Country] = combo & FieldMask;
    }

    private static int Pick(double[] cumulative, ref SplitMix random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
        return Math.Min(index >= 0 ? index + 1 : ~index, cumulative.Length - 1);
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        return [.. weights.Select(w => sum += w)];
    }

    private static int Index(string[] values, string value) =>
        Array.IndexOf(values, value) is >= 0 and var index ? index : throw new ArgumentException($"'{value}' is not listed", nameof(value));

    private sealed record Agent(VisitorClass Class, int Profile);

    private sealed record Profile(int Browser, int Os, int Device);

    private static readonly string[] Browsers =
    [
        "Chrome", "Safari", "Edge", "Firefox", "Samsung Internet", "Opera", "Twitterbot", "Facebook", "Slackbot", "WhatsApp",
        "Discordbot", "iMessage", "LinkedInBot", "TelegramBot", "Microsoft Safe Links", "Proofpoint", "Mimecast", "Barracuda",
        "Googlebot", "Bingbot", "GPTBot", "curl", "python-requests", "Headless Chrome", "Go", "Other bot",
    ];

    private static readonly string[] Systems = ["Windows", "macOS", "Linux", "ChromeOS", "iOS", "Android", "Other"];

    private static readonly string[] Devices = ["Desktop", "Mobile", "Tablet", "Bot"];

    private static readonly (VisitorClass Class, string Browser, string Os, string Device, double Weight)[] Agents =
    [
        (VisitorClass.Human, "Chrome", "Windows", "Desktop", 20),
        (VisitorClass.Human, "Edge", "Windows", "Desktop", 6),
        (VisitorClass.Human, "Firefox", "Windows", "Desktop", 3),
        (VisitorClass.Human, "Opera", "Windows", "Desktop", 0.8),
        (VisitorClass.Human, "Chrome", "macOS", "Desktop", 5),
        (VisitorClass.Human, "Safari", "macOS", "Desktop", 6),
        (VisitorClass.Human, "Firefox", "macOS", "Desktop", 1),
        (VisitorClass.Human, "Chrome", "Linux", "Desktop", 1.5),
        (VisitorClass.Human, "Firefox", "Linux", "Desktop", 1),
        (VisitorClass.Human, "Chrome", "ChromeOS", "Desktop", 0.7),
        (VisitorClass.Human, "Safari", "iOS", "Mobile", 18),
        (VisitorClass.Human, "Chrome", "iOS", "Mobile", 3),
        (VisitorClass.Human, "Chrome", "Android", "Mobile", 16),
        (VisitorClass.Human, "Samsung Internet", "Android", "Mobile", 3),
        (VisitorClass.Human, "Firefox", "Android", "Mobile", 0.5),
        (VisitorClass.Human, "Safari", "iOS", "Tablet", 2.5),
        (VisitorClass.Human, "Chrome", "Android", "Tablet", 1),
        (VisitorClass.Prefetch, "Safari", "iOS", "Mobile", 0.8),
        (VisitorClass.Prefetch, "Chrome", "Android", "Mobile", 0.3),
        (VisitorClass.Unfurler, "Twitterbot", "Other", "Bot", 1.5),
        (VisitorClass.Unfurler, "Facebook", "Other", "Bot", 1.5),
        (VisitorClass.Unfurler, "Slackbot", "Other", "Bot", 1),
        (VisitorClass.Unfurler, "WhatsApp", "Other", "Bot", 1),
        (VisitorClass.Unfurler, "Discordbot", "Other", "Bot", 0.5),
        (VisitorClass.Unfurler, "iMessage", "macOS", "Bot", 0.5),
        (VisitorClass.Unfurler, "LinkedInBot", "Other", "Bot", 0.3),
        (VisitorClass.Unfurler, "TelegramBot", "Other", "Bot", 0.4),
        (VisitorClass.MailScanner, "Microsoft Safe Links", "Other", "Bot", 1),
        (VisitorClass.MailScanner, "Proofpoint", "Other", "Bot", 0.5),
        (VisitorClass.MailScanner, "Mimecast", "Other", "Bot", 0.4),
        (VisitorClass.MailScanner, "Barracuda", "Other", "Bot", 0.2),
        (VisitorClass.Bot, "Googlebot", "Other", "Bot", 1.5),
        (VisitorClass.Bot, "Bingbot", "Other", "Bot", 0.8),
        (VisitorClass.Bot, "GPTBot", "Other", "Bot", 0.4),
        (VisitorClass.Bot, "curl", "Other", "Bot", 0.3),
        (VisitorClass.Bot, "python-requests", "Other", "Bot", 0.3),
        (VisitorClass.Bot, "Headless Chrome", "Linux", "Bot", 0.3),
        (VisitorClass.Bot, "Go", "Other", "Bot", 0.2),
        (VisitorClass.Bot, "Other bot", "Other", "Bot", 1),
    ];

    /// <summary>Host, weight, and how much more often it refers desktops (2) than phones (0).</summary>
    private static readonly (string Host, double Weight, double Desktop)[] Referrers =
    [
        (VisitProfile.Direct, 40, 1), ("www.google.com", 10, 1), ("t.co", 8, 0.5), ("www.reddit.com", 5, 0.8),
        ("www.facebook.com", 4, 0.8), ("l.facebook.com", 3, 0.4), ("lm.facebook.com", 1.5, 0.1), ("www.linkedin.com", 3, 1.4),
        ("lnkd.in", 1, 0.8), ("news.ycombinator.com", 3, 1.7), ("out.reddit.com", 0.8, 0.6), ("mail.google.com", 2, 1.3),
        ("outlook.live.com", 1, 1.6), ("teams.microsoft.com", 1.2, 1.8), ("app.slack.com", 1.5, 1.8), ("discord.com", 1, 1.3),
        ("web.whatsapp.com", 0.6, 1.9), ("t.me", 0.8, 0.7), ("lobste.rs", 0.4, 1.8), ("mastodon.social", 0.6, 1.2),
        ("duckduckgo.com", 1, 1.2), ("www.bing.com", 1.2, 1.6), ("search.yahoo.com", 0.3, 1.2), ("www.youtube.com", 1.5, 0.9),
        ("www.instagram.com", 1.2, 0.3), ("l.instagram.com", 1, 0.1), ("github.com", 1, 1.9), ("medium.com", 0.6, 1.1),
        ("substack.com", 0.5, 1), ("news.google.com", 0.6, 0.8), ("away.vk.com", 0.2, 1), ("www.baidu.com", 0.2, 1),
        ("yandex.ru", 0.3, 1), ("bsky.app", 0.7, 0.8),
    ];

    private static readonly (string Code, double Weight)[] Countries =
    [
        ("US", 25), ("DE", 7), ("GB", 6), ("IN", 6), ("FR", 5), ("BR", 4), ("CA", 3), ("JP", 3), ("ES", 2.5), ("IT", 2.5),
        ("NL", 2), ("AU", 2), ("MX", 2), ("PL", 1.5), ("RU", 1.5), ("ID", 1.5), ("TR", 1.2), ("KR", 1.2), ("SE", 1), ("AR", 1),
        ("CH", 0.8), ("BE", 0.8), ("CO", 0.8), ("VN", 0.8), ("PH", 0.9), ("AT", 0.7), ("UA", 0.7), ("TH", 0.7), ("TW", 0.7),
        ("IE", 0.6), ("PT", 0.6), ("CZ", 0.6), ("ZA", 0.6), ("NG", 0.6), ("PK", 0.6), ("SG", 0.6), ("DK", 0.5), ("NO", 0.5),
        ("FI", 0.5), ("RO", 0.5), ("CL", 0.5), ("EG", 0.5), ("IL", 0.5), ("SA", 0.5), ("AE", 0.5), ("MY", 0.5), ("HK", 0.5),
        ("BD", 0.4), ("NZ", 0.4), ("PE", 0.3), ("KE", 0.3), (VisitProfile.Unknown, 1),
    ];

    private static readonly double[] HourOfDay =
        [2, 1.5, 1.2, 1, 1, 1.2, 1.8, 2.8, 4, 5, 5.5, 5.8, 6, 6, 6.2, 6.5, 6.8, 7, 6.8, 6.2, 5.5, 4.5, 3.5, 2.6];
}

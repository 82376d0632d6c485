namespace Hop.Clicks.Writing;

/// <summary>
/// A small table-driven classifier: ordered token rules, first match wins. It knows the common
/// browsers and systems, the link unfurlers of chat and social apps, mail security scanners and
/// generic bots; everything else is "Other". Good enough for counting, not for fingerprinting.
/// </summary>
internal static class UserAgentClassifier
{
    public const string Other = "Other";
    public const string BotDevice = "Bot";

    /// <summary>Apps that fetch a link to draw a preview card. Checked first: several also say "bot".</summary>
    private static readonly (string Token, string Name)[] Unfurlers =
    [
        // Apple Messages claims to be both of these at once; Telegram says it is "like TwitterBot".
        ("Facebot Twitterbot", "iMessage"),
        ("TelegramBot", "TelegramBot"),
        ("Slackbot", "Slackbot"),
        ("Slack-ImgProxy", "Slackbot"),
        ("Twitterbot", "Twitterbot"),
        ("facebookexternalhit", "Facebook"),
        ("Facebot", "Facebook"),
        ("WhatsApp", "WhatsApp"),
        ("Discordbot", "Discordbot"),
        ("SkypeUriPreview", "Microsoft Teams"),
        ("MicrosoftPreview", "Microsoft Teams"),
        ("Teams/", "Microsoft Teams"),
        ("LinkedInBot", "LinkedInBot"),
        ("redditbot", "Redditbot"),
        ("Pinterestbot", "Pinterest"),
        ("Embedly", "Embedly"),
        ("Iframely", "Iframely"),
        ("Mastodon/", "Mastodon"),
        ("Viber", "Viber"),
        ("Snapchat", "Snapchat"),
        ("Google-PageRenderer", "Google Chat"),
        ("vkShare", "VK"),
        ("SignalBot", "Signal"),
    ];

    /// <summary>Mail gateways that follow every link in a message before a person sees it.</summary>
    private static readonly (string Token, string Name)[] MailScanners =
    [
        ("Barracuda", "Barracuda"),
        ("Mimecast", "Mimecast"),
        ("Proofpoint", "Proofpoint"),
        ("SafeLinks", "Microsoft Safe Links"),
        ("Trend Micro", "Trend Micro"),
        ("TrendMicro", "Trend Micro"),
        ("Forcepoint", "Forcepoint"),
        ("Sophos", "Sophos"),
        ("Cisco-IronPort", "Cisco Secure Email"),
        ("FireEye", "FireEye"),
        ("MessageLabs", "Symantec"),
        ("Symantec", "Symantec"),
    ];

    private static readonly (string Token, string Name)[] Bots =
    [
        ("Googlebot", "Googlebot"),
        ("bingbot", "Bingbot"),
        ("Applebot", "Applebot"),
        ("DuckDuckBot", "DuckDuckBot"),
        ("YandexBot", "YandexBot"),
        ("Baiduspider", "Baiduspider"),
        ("GPTBot", "GPTBot"),
        ("ClaudeBot", "ClaudeBot"),
        ("AhrefsBot", "AhrefsBot"),
        ("SemrushBot", "SemrushBot"),
        ("HeadlessChrome", "Headless Chrome"),
        ("PhantomJS", "PhantomJS"),
        ("curl/", "curl"),
        ("Wget/", "Wget"),
        ("python-requests", "python-requests"),
        ("python-urllib", "Python"),
        ("aiohttp", "Python"),
        ("httpx", "Python"),
        ("Go-http-client", "Go"),
        ("okhttp", "OkHttp"),
        ("Java/", "Java"),
        ("Apache-HttpClient", "Java"),
        ("libwww-perl", "Perl"),
        ("axios/", "axios"),
        ("node-fetch", "node-fetch"),
        ("undici", "Node.js"),
        ("PostmanRuntime", "Postman"),
        ("Scrapy", "Scrapy"),
        // Generic words last, so the named bots above keep their names.
        ("bot", "Other bot"),
        ("crawler", "Other bot"),
        ("spider", "Other bot"),
        ("scraper", "Other bot"),
        ("Slurp", "Other bot"),
        ("monitor", "Other bot"),
        ("preview", "Other bot"),
    ];

    /// <summary>Order matters: Edge and Opera also say Chrome; Chrome also says Safari.</summary>
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"),
        ("EdgA/", "Edge"),
        ("EdgiOS/", "Edge"),
        ("Edge/", "Edge"),
        ("OPR/", "Opera"),
        ("Opera", "Opera"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("YaBrowser/", "Yandex Browser"),
        ("Vivaldi/", "Vivaldi"),
        ("UCBrowser/", "UC Browser"),
        ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"),
        ("CriOS/", "Chrome"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chrome"),
        ("MSIE ", "Internet Explorer"),
        ("Trident/", "Internet Explorer"),
        ("Safari/", "Safari"),
        ("AppleWebKit/", "Safari"),
    ];

    /// <summary>Order matters: iPadOS says "like Mac OS X", Android says Linux.</summary>
    private static readonly (string Token, string Name)[] Systems =
    [
        ("Windows Phone", "Windows Phone"),
        ("Windows", "Windows"),
        ("iPhone", "iOS"),
        ("iPad", "iOS"),
        ("iPod", "iOS"),
        ("Android", "Android"),
        ("CrOS", "ChromeOS"),
        ("Macintosh", "macOS"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
        ("FreeBSD", "FreeBSD"),
    ];

    public static UserAgentInfo Classify(string? userAgent, bool isHead = false, bool isPrefetch = false)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return new(VisitorClass.Bot, Other, Other, BotDevice);
        }

        var os = Match(userAgent, Systems) ?? Other;
        if (Match(userAgent, Unfurlers) is { } unfurler)
        {
            return new(VisitorClass.Unfurler, unfurler, os, BotDevice);
        }

        if (Match(userAgent, MailScanners) is { } scanner)
        {
            return new(VisitorClass.MailScanner, scanner, os, BotDevice);
        }

        if (Match(userAgent, Bots) is { } bot)
        {
            return new(VisitorClass.Bot, bot, os, BotDevice);
        }

        var browser = Match(userAgent, Browsers) ?? Other;
        var device = DeviceOf(userAgent, os);
        // A person never sends HEAD for a link they click; link checkers do.
        var visitorClass = isPrefetch ? VisitorClass.Prefetch
            : isHead || !userAgent.StartsWith("Mozilla/", StringComparison.Ordinal) && browser == Other ? VisitorClass.Bot
            : VisitorClass.Human;
        return new(visitorClass, browser, os, visitorClass == VisitorClass.Bot ? BotDevice : device);
    }

    private static string DeviceOf(string userAgent, string os)
    {
        if (Has(userAgent, "iPad") || Has(userAgent, "Tablet")
            || (os == "Android" && !Has(userAgent, "Mobile")))
        {
            return "Tablet";
        }

        if (Has(userAgent, "Mobi") || Has(userAgent, "iPhone") || Has(userAgent, "iPod") || os == "Windows Phone")
        {
            return "Mobile";
        }

        return os is "Windows" or "macOS" or "Linux" or "ChromeOS" or "FreeBSD" ? "Desktop" : Other;
    }

    private static string? Match(string userAgent, (string Token, string Name)[] rules)
    {
        foreach (var (token, name) in rules)
        {
            if (Has(userAgent, token))
            {
                return name;
            }
        }

        return null;
    }

    private static bool Has(string userAgent, string token) =>
        userAgent.Contains(token, StringComparison.OrdinalIgnoreCase);
}

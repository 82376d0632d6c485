using Hop.Clicks;
using Hop.Clicks.Writing;

namespace Hop.Tests.Clicks.Writing;

public class UserAgentClassifierTests
{
    public static TheoryData<string, string, string, string, string> RealUserAgents => new()
    {
        // user agent, class, browser, os, device
        { "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Human", "Chrome", "Windows", "Desktop" },
        { "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86", "Human", "Edge", "Windows", "Desktop" },
        { "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", "Human", "Safari", "macOS", "Desktop" },
        { "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Human", "Firefox", "Linux", "Desktop" },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1.1 Mobile/15E148 Safari/604.1", "Human", "Safari", "iOS", "Mobile" },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1", "Human", "Chrome", "iOS", "Mobile" },
        { "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1", "Human", "Safari", "iOS", "Tablet" },
        { "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Human", "Chrome", "Android", "Mobile" },
        { "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36", "Human", "Samsung Internet", "Android", "Mobile" },
        { "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Human", "Chrome", "Android", "Tablet" },
        { "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0", "Human", "Opera", "Windows", "Desktop" },
        { "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Human", "Chrome", "ChromeOS", "Desktop" },
        // Link unfurlers of chat and social apps.
        { "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Unfurler", "Slackbot", "Other", "Bot" },
        { "Twitterbot/1.0", "Unfurler", "Twitterbot", "Other", "Bot" },
        { "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "Unfurler", "Facebook", "Other", "Bot" },
        { "WhatsApp/2.23.20.0", "Unfurler", "WhatsApp", "Other", "Bot" },
        { "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", "Unfurler", "Discordbot", "Other", "Bot" },
        { "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com", "Unfurler", "Microsoft Teams", "Windows", "Bot" },
        { "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)", "Unfurler", "LinkedInBot", "Other", "Bot" },
        { "TelegramBot (like TwitterBot)", "Unfurler", "TelegramBot", "Other", "Bot" },
        { "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0", "Unfurler", "iMessage", "macOS", "Bot" },
        { "http.rb/5.1.1 (Mastodon/4.2.1; +https://mastodon.social/)", "Unfurler", "Mastodon", "Other", "Bot" },
        // Mail security scanners.
        { "Mozilla/5.0 (compatible; Barracuda Sentinel (EE))", "MailScanner", "Barracuda", "Other", "Bot" },
        { "Mimecast-URL-Protect/1.0", "MailScanner", "Mimecast", "Other", "Bot" },
        // Crawlers, tools and empty agents.
        { "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Bot", "Googlebot", "Other", "Bot" },
        { "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36", "Bot", "Bingbot", "Other", "Bot" },
        { "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", "Bot", "Headless Chrome", "Linux", "Bot" },
        { "curl/8.5.0", "Bot", "curl", "Other", "Bot" },
        { "python-requests/2.32.3", "Bot", "python-requests", "Other", "Bot" },
        { "Go-http-client/2.0", "Bot", "Go", "Other", "Bot" },
        { "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)", "Bot", "GPTBot", "Other", "Bot" },
        { "", "Bot", "Other", "Other", "Bot" },
        { "SomethingUnheardOf/1.0", "Bot", "Other", "Other", "Bot" },
    };

    [Theory]
    [MemberData(nameof(RealUserAgents))]
    public void Classifies_real_user_agents(string userAgent, string visitorClass, string browser, string os, string device)
    {
        var info = UserAgentClassifier.Classify(userAgent);

        Assert.Equal(Enum.Parse<VisitorClass>(visitorClass), info.Class);
        Assert.Equal(browser, info.Browser);
        Assert.Equal(os, info.Os);
        Assert.Equal(device, info.Device);
    }

    [Fact]
    public void A_prefetch_is_counted_as_prefetch_and_a_head_as_a_bot()
    {
        const string chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

        Assert.Equal(VisitorClass.Prefetch, UserAgentClassifier.Classify(chrome, isPrefetch: true).Class);
        Assert.Equal(VisitorClass.Bot, UserAgentClassifier.Classify(chrome, isHead: true).Class);
        // An unfurler stays an unfurler whatever the method.
        Assert.Equal(VisitorClass.Unfurler, UserAgentClassifier.Classify("Twitterbot/1.0", isHead: true).Class);
    }

    [Theory]
    [InlineData("https://www.Example.com/path?q=1", "www.example.com")]
    [InlineData("android-app://com.slack/", "com.slack")]
    [InlineData("not a url", null)]
    [InlineData(null, null)]
    public void Referrer_host_is_the_lower_case_host(string? referrer, string? host) =>
        Assert.Equal(host, ClickEnricher.ReferrerHost(referrer));

    [Fact]
    public void Visitor_hash_depends_on_salt_ip_agent_and_link()
    {
        byte[] salt = [1, 2, 3, 4, 5, 6, 7, 8];
        var hash = ClickEnricher.VisitorHash(salt, "203.0.113.7", "UA", 42);

        Assert.Equal(32, hash.Length);
        Assert.Equal(hash, ClickEnricher.VisitorHash(salt, "203.0.113.7", "UA", 42));
        Assert.NotEqual(hash, ClickEnricher.VisitorHash([8, 7, 6, 5, 4, 3, 2, 1], "203.0.113.7", "UA", 42));
        Assert.NotEqual(hash, ClickEnricher.VisitorHash(salt, "203.0.113.8", "UA", 42));
        Assert.NotEqual(hash, ClickEnricher.VisitorHash(salt, "203.0.113.7", "UA2", 42));
        Assert.NotEqual(hash, ClickEnricher.VisitorHash(salt, "203.0.113.7", "UA", 43));
    }
}

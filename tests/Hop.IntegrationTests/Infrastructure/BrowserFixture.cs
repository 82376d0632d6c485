using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Hop.IntegrationTests.Infrastructure.BrowserFixture))]

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole test assembly, driven by Playwright: the machine's own browser
/// (/usr/bin/chromium, installed by ./test.sh), since Playwright's download does not work here. Each test
/// opens a context of its own (<see cref="NewPageAsync"/>), so cookies never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A page in a fresh context (no cookies) whose relative addresses go to <paramref name="host"/>.</summary>
    public async Task<IPage> NewPageAsync(LiveHost host, int width = 1440, string? userAgent = null, string? colorScheme = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.Address,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            UserAgent = userAgent,
            ColorScheme = colorScheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in, through the sign-in form, as a new user of <paramref name="role"/>.</summary>
    internal async Task<(IPage Page, TestUser User)> NewSignedInPageAsync(LiveHost host, string role = Hop.Accounts.Roles.User, int width = 1440)
    {
        var (user, password) = await host.CreateUserWithPasswordAsync(role);
        var page = await NewPageAsync(host, width);
        await page.GotoAsync("/login");
        await page.GetByLabel("Username or email").FillAsync(user.Username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        return (page, user);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

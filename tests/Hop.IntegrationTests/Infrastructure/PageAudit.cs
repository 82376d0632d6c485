using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>
/// What every page must pass, checked in the real browser at a phone's width (375 px) and a desktop's
/// (1440 px): nothing wider than the screen, no serious or critical axe violation, every visible control
/// reachable with Tab and showing a focus ring when it gets there. A screenshot of each width goes to
/// the artifacts directory (HOP_TEST_SCREENSHOTS, default artifacts/screenshots in the repository) for a
/// person to look at.
/// </summary>
internal static class PageAudit
{
    public static readonly int[] Widths = [375, 1440];

    /// <summary>Where screenshots go: kept after the run, so CI can publish them.</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("HOP_TEST_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot(), "artifacts", "screenshots")).FullName;

    /// <summary>Audits the page as it stands at both widths; <paramref name="name"/> names the screenshots.</summary>
    public static async Task AssertGoodAsync(IPage page, string name)
    {
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}-{width}.png"), FullPage = true });

            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{name} at {width} px is {overflow} px wider than the screen.");

            var axe = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
            var bad = axe.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target.ToString()))}")
                .ToArray();
            Assert.True(bad.Length == 0, $"{name} at {width} px: axe finds\n{string.Join('\n', bad)}");
        }

        await AssertKeyboardReachesEverythingAsync(page, name);
    }

    /// <summary>
    /// Tabs through the page from the top and checks that every visible, enabled control was focused on
    /// the way, each with a visible focus indicator (an outline or a box shadow).
    /// </summary>
    public static async Task AssertKeyboardReachesEverythingAsync(IPage page, string name)
    {
        var controls = await page.EvaluateAsync<int>(MarkControls);
        await page.EvaluateAsync("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }");
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var withoutRing = new List<string>();
        // Chromium also stops on scrollable boxes that hold no control of their own, so Tab may need more
        // presses than there are controls.
        for (var presses = 0; presses < (2 * controls) + 20 && reached.Count < controls; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<JsonElement>(DescribeFocus);
            if (focused.ValueKind != JsonValueKind.Object || focused.GetProperty("id").GetString() is not { Length: > 0 } id)
            {
                continue;
            }

            if (reached.Add(id) && !focused.GetProperty("ring").GetBoolean())
            {
                withoutRing.Add(focused.GetProperty("what").GetString() ?? id);
            }
        }

        var missed = await page.EvaluateAsync<string[]>(
            "reached => [...document.querySelectorAll('[data-audit-id]')].filter(e => !reached.includes(e.dataset.auditId)).map(e => e.outerHTML.slice(0, 120))",
            reached.ToArray());
        Assert.True(missed.Length == 0, $"{name}: Tab never reaches\n{string.Join('\n', missed)}");
        Assert.True(withoutRing.Count == 0, $"{name}: no visible focus on\n{string.Join('\n', withoutRing)}");
    }

    private const string MarkControls = """
        () => {
          const controls = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
            .filter(e => !e.disabled && e.type !== 'hidden' && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden');
          controls.forEach((e, i) => e.dataset.auditId = String(i));
          return controls.length;
        }
        """;

    private const string DescribeFocus = """
        () => {
          const e = document.activeElement;
          if (!e || !e.dataset || !e.dataset.auditId) return null;
          const style = getComputedStyle(e);
          const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
          return { id: e.dataset.auditId, ring, what: e.outerHTML.slice(0, 120) };
        }
        """;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Hop.slnx")))
            {
                return directory.FullName;
            }
        }

        return Path.GetTempPath();
    }
}

using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>
/// Renders a page of the app in the machine's headless Chromium (/usr/bin/chromium, flags from
/// MACHINE-NOTES.md): a screenshot at a given width, and a probe of the laid-out page at that width
/// (horizontal overflow, form fields without a label, the keyboard's tab order). The page is a copy in
/// a directory with the stylesheet beside it, so the browser needs no server.
/// </summary>
internal static partial class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--allow-file-access-from-files", "--hide-scrollbars",
    ];

    /// <summary>What the probe measured in the page laid out at one width.</summary>
    public sealed record Probe(int ScrollWidth, int ClientWidth, string[] Unlabeled, string[] TabOrder);

    /// <summary>Writes <paramref name="html"/> as <paramref name="name"/>.html in <paramref name="directory"/>, pointing at a local copy of the stylesheet.</summary>
    public static string Save(string directory, string name, string html, byte[] stylesheet)
    {
        File.WriteAllBytes(Path.Combine(directory, "hop.css"), stylesheet);
        var path = Path.Combine(directory, name + ".html");
        File.WriteAllText(path, StylesheetLink().Replace(html, "href=\"hop.css\""));
        return path;
    }

    public static async Task<byte[]> ScreenshotAsync(string page, int width, int height, string output)
    {
        await RunAsync(page, $"--window-size={width},{height}", $"--screenshot={output}");
        return await File.ReadAllBytesAsync(output);
    }

    /// <summary>The PNG's pixel width, from its header.</summary>
    public static int PngWidth(byte[] png) => BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));

    /// <summary>
    /// Lays the page out in an iframe exactly <paramref name="width"/> wide (a headless window has a
    /// minimum width; a frame does not) and reads the result back from the DOM. The script is the
    /// test's, in the test's wrapper page: Hop's pages carry none.
    /// </summary>
    public static async Task<Probe> ProbeAsync(string page, int width)
    {
        var wrapper = Path.Combine(Path.GetDirectoryName(page)!, $"probe-{width}-{Path.GetFileName(page)}");
        await File.WriteAllTextAsync(wrapper, $$"""
            <!doctype html><html><body>
            <iframe id="f" src="{{Path.GetFileName(page)}}" width="{{width}}" height="900"></iframe>
            <pre id="probe"></pre>
            <script>
            document.getElementById('f').addEventListener('load', () => {
              const d = document.getElementById('f').contentDocument;
              const fields = [...d.querySelectorAll('input, select, textarea')].filter(e => e.type !== 'hidden');
              const tabbable = [...d.querySelectorAll('a[href], button, input, select, textarea')]
                .filter(e => e.type !== 'hidden' && e.tabIndex >= 0);
              document.getElementById('probe').textContent = 'PROBE' + JSON.stringify({
                scrollWidth: d.documentElement.scrollWidth,
                clientWidth: d.documentElement.clientWidth,
                unlabeled: fields.filter(e => e.labels.length === 0).map(e => e.name),
                tabOrder: tabbable.map(e => e.name || e.textContent.trim()),
              }) + 'END';
            });
            </script></body></html>
            """);
        var dom = await RunAsync(wrapper, "--window-size=1600,1000", "--virtual-time-budget=5000", "--dump-dom");
        var match = ProbeText().Match(dom);
        Assert.True(match.Success, "the probe ran in Chromium: " + dom[..Math.Min(dom.Length, 500)]);
        return JsonSerializer.Deserialize<Probe>(System.Net.WebUtility.HtmlDecode(match.Groups[1].Value), ApiClient.Json)!;
    }

    private static async Task<string> RunAsync(string page, params string[] arguments)
    {
        Assert.True(File.Exists(Executable), $"{Executable} is needed for the browser checks (apt-get install -y chromium)");
        using var profile = new TempDirectory("hop-chromium-");
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var flag in Flags.Concat([$"--user-data-dir={profile.Path}"]).Concat(arguments))
        {
            start.ArgumentList.Add(flag);
        }

        start.ArgumentList.Add(new Uri(page).AbsoluteUri);
        using var chromium = Process.Start(start)!;
        var output = chromium.StandardOutput.ReadToEndAsync();
        _ = chromium.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await chromium.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, chromium.ExitCode);
        return await output;
    }

    [GeneratedRegex("href=\"/css/hop\\.[a-z0-9]+\\.css\"")]
    private static partial Regex StylesheetLink();

    [GeneratedRegex("PROBE(.*?)END", RegexOptions.Singleline)]
    private static partial Regex ProbeText();
}

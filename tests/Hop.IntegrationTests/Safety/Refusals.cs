using System.Net;
using System.Text.Json;
using static Hop.IntegrationTests.Redirects.RedirectTestKit;

namespace Hop.IntegrationTests.Safety;

/// <summary>
/// Checks that a target was refused the way every path must refuse it: a 400 problem (or, in a batch or
/// an import, a 400 item and nothing created) naming the field and saying why. Mismatches are collected
/// in a list, so that one run of a corpus reports every input that got through.
/// </summary>
internal static class Refusals
{
    public static async Task ExpectAsync(List<string> failures, string path, string url, HttpResponseMessage response, string field, string reason)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            failures.Add($"{path} {Escape(url)}: {(int)response.StatusCode} {text}");
            return;
        }

        using var json = JsonDocument.Parse(text);
        if (!json.RootElement.GetProperty("errors").TryGetProperty(field, out var reasons) || !Says(reasons, field, reason))
        {
            failures.Add($"{path} {Escape(url)}: expected {field} … {reason}, got {text}");
        }
    }

    public static async Task ExpectItemAsync(List<string> failures, string path, string url, HttpResponseMessage response, string reason)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            failures.Add($"{path} {Escape(url)}: {(int)response.StatusCode} {text}");
            return;
        }

        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        var item = root.GetProperty("items")[0];
        if (root.GetProperty("created").GetInt32() != 0 || item.GetProperty("status").GetInt32() != 400
            || !item.GetProperty("problem").GetProperty("errors").TryGetProperty("url", out var reasons)
            || !Says(reasons, "url", reason))
        {
            failures.Add($"{path} {Escape(url)}: expected url … {reason}, got {text}");
        }
    }

    private static bool Says(JsonElement reasons, string field, string reason) =>
        reasons[0].GetString() is { } said && said.StartsWith(field + " ", StringComparison.Ordinal)
        && said.Contains(reason, StringComparison.Ordinal);

    private static string Escape(string url) => JsonSerializer.Serialize(url.Length > 80 ? url[..80] + "…" : url);
}

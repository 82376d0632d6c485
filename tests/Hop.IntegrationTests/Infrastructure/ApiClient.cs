using System.Net.Http.Json;
using System.Text.Json;

namespace Hop.IntegrationTests.Infrastructure;

internal static class ApiClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task<HttpResponseMessage> CreateLinkAsync(this HttpClient client, object body) =>
        client.PostAsJsonAsync("/api/v1/links", body, Json);

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Str(this JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new InvalidOperationException($"{property} is null");
}

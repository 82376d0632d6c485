using System.Net.Http.Headers;
using System.Text;
using Hop.IntegrationTests.Infrastructure;

namespace Hop.IntegrationTests.Links;

/// <summary>Requests of the links API that the default HttpClient helpers do not make directly.</summary>
internal static class LinksApiRequests
{
    public static async Task<string> CreateCodeAsync(this HttpClient client, object body)
    {
        var response = await client.CreateLinkAsync(body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).Str("code");
    }

    public static Task<HttpResponseMessage> PatchLinkAsync(
        this HttpClient client, string code, string json, string? ifMatch = null, string contentType = "application/merge-patch+json")
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/links/{code}")
        {
            Content = new StringContent(json, Encoding.UTF8, contentType),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> DeleteLinkAsync(this HttpClient client, string code, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/links/{code}");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> GetLinkAsync(this HttpClient client, string code, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/links/{code}");
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A POST of exact bytes, optionally with an Idempotency-Key.</summary>
    public static Task<HttpResponseMessage> PostRawAsync(
        this HttpClient client, string path, string body, string? idempotencyKey = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType)),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>True when the JSON property is missing or null (how null is written is the serializer's choice).</summary>
    public static bool IsAbsentOrNull(this System.Text.Json.JsonElement element, string property) =>
        !element.TryGetProperty(property, out var value) || value.ValueKind == System.Text.Json.JsonValueKind.Null;

    public static string? ETag(this HttpResponseMessage response) => response.Headers.ETag?.ToString();
}

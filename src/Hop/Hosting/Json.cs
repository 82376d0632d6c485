using System.Text.Json;
using System.Text.Json.Serialization;
using Hop.Links;
using Hop.Redirects;
using Microsoft.AspNetCore.Mvc;

namespace Hop.Hosting;

/// <summary>The one source-generated serializer context for API bodies.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateLinkRequest))]
[JsonSerializable(typeof(LinkResponse))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
[JsonSerializable(typeof(CachedLink))]
internal sealed partial class HopJsonContext : JsonSerializerContext;

internal static class Json
{
    public static void AddJson(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, HopJsonContext.Default));
    }
}

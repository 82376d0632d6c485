namespace Hop.Hosting;

internal static class Json
{
    public static void AddJson(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, HopJsonContext.Default));
    }
}

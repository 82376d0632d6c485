namespace Hop.Hosting;

internal static class ErrorHandling
{
    /// <summary>Every error body is RFC 9457 ProblemDetails, including unknown routes and unhandled exceptions.</summary>
    public static void AddErrorHandling(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options =>
        {
            options.CustomizeProblemDetails = context =>
                context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
    }

    public static void UseErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
    }
}

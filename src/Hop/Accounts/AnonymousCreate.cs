using Microsoft.Extensions.Options;

namespace Hop.Accounts;

/// <summary>
/// Authorization of <c>POST /api/v1/links</c>: the links:write scope, unless <c>Accounts:AnonymousCreate</c>
/// is on; then callers without credentials may create too (owner none; limited per client IP by
/// <see cref="RateLimits"/>), while callers with credentials still need valid ones with links:write.
/// </summary>
internal static class AnonymousCreate
{
    public static RouteHandlerBuilder RequireCreateAuthorization(this RouteHandlerBuilder endpoint, IServiceProvider services)
    {
        if (!services.GetRequiredService<IOptions<AccountOptions>>().Value.AnonymousCreate)
        {
            return endpoint.RequireAuthorization(Scopes.LinksWrite);
        }

        return endpoint.AllowAnonymous().AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.User.Identity?.IsAuthenticated == true)
            {
                return Caller.From(http.User).HasScope(Scopes.LinksWrite)
                    ? await next(context)
                    : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                        detail: $"The credential does not grant the '{Scopes.LinksWrite}' scope.");
            }

            // Credentials that failed must not quietly turn into an anonymous request.
            return ApiKeyAuthentication.KeyFrom(http.Request) is not null || http.Request.Headers.Authorization.Count > 0
                ? TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                    detail: "The API key or token is invalid, revoked or expired.")
                : await next(context);
        });
    }
}

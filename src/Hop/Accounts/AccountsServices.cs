using Microsoft.AspNetCore.Authentication;

namespace Hop.Accounts;

internal static class AccountsServices
{
    /// <summary>The one scheme endpoints use; it forwards to the scheme that fits the request.</summary>
    public const string Scheme = "Hop";

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(
            builder.Configuration.GetSection("Passwords"));
        builder.Services.AddSingleton<PasswordHashing>();

        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key, bearer token or cookie", options =>
                options.ForwardDefaultSelector = _ => ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);

        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(Scheme)
                .RequireAuthenticatedUser().Build())
            .AddScopePolicy(Scopes.LinksRead)
            .AddScopePolicy(Scopes.LinksWrite)
            .AddScopePolicy(Scopes.StatsRead)
            .AddScopePolicy(Scopes.Admin);
    }

    public static void UseAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
    }

    /// <summary>A policy named after the scope: an authenticated caller whose key (or session) grants it.</summary>
    private static Microsoft.AspNetCore.Authorization.AuthorizationBuilder AddScopePolicy(
        this Microsoft.AspNetCore.Authorization.AuthorizationBuilder authorization, string scope) =>
        authorization.AddPolicy(scope, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => Caller.From(context.User).HasScope(scope)));
}

using Hop.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Hop.Accounts;

internal static class AccountsServices
{
    /// <summary>The one scheme endpoints use; it forwards to the scheme that fits the request.</summary>
    public const string Scheme = "Hop";
    public const string CookieScheme = "Cookie";
    public const string JwtScheme = JwtBearerDefaults.AuthenticationScheme;
    /// <summary>Admin role and a credential carrying the admin scope.</summary>
    public const string AdminPolicy = "admin-role";

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        builder.AddAccountStore();
        var services = builder.Services;
        services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<AccessTokens>();
        services.AddSingleton<JwtSigningKeys>();
        services.AddHostedService<FirstRunSetup>();

        // Cookies and antiforgery tokens are protected with keys every instance reads from the database.
        services.AddDataProtection().SetApplicationName("Hop").PersistKeysToDbContext<HopDbContext>();
        services.AddAntiforgery(options => options.Cookie.Name = "hop_af");

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key, bearer token or cookie", options =>
                options.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddJwtBearer(JwtScheme, options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = AccessTokens.ValidationParameters();
                options.Events = new JwtBearerEvents
                {
                    OnMessageReceived = AccessTokens.EnsureSigningKeyAsync,
                    OnTokenValidated = AccessTokens.RejectDisabledUsersAsync,
                };
            })
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = "hop_session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/login";
                options.LogoutPath = "/logout";
                options.SlidingExpiration = true;
                options.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = context => ApiAnswersInsteadOfRedirect(context, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => ApiAnswersInsteadOfRedirect(context, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = RejectDisabledSessionAsync,
                };
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<AccountOptions>>((cookie, accounts) => cookie.ExpireTimeSpan = accounts.Value.SessionLifetime);
        services.AddOptions<JwtBearerOptions>(JwtScheme)
            .Configure<JwtSigningKeys>((jwt, keys) => jwt.TokenValidationParameters.IssuerSigningKeyResolver =
                (_, _, _, _) => keys.Current is { } key ? [key] : []);

        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build())
            .AddScopePolicy(Scopes.LinksRead)
            .AddScopePolicy(Scopes.LinksWrite)
            .AddScopePolicy(Scopes.StatsRead)
            .AddScopePolicy(Scopes.Admin)
            .AddPolicy(AdminPolicy, policy => policy
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => Caller.From(context.User).IsAdmin));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, HiddenWhenForbiddenHandler>();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NetworkOptions>>((forwarded, network) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            forwarded.ForwardLimit = null;
            foreach (var entry in network.Value.TrustedProxies)
            {
                if (NetworkOptions.TryParse(entry, out var address, out var range))
                {
                    if (address is not null)
                    {
                        forwarded.KnownProxies.Add(address);
                    }
                    else if (range is { } network1)
                    {
                        forwarded.KnownIPNetworks.Add(network1);
                    }
                }
            }
        });

        builder.AddRateLimits();
    }

    /// <summary>What the web app and the CLI verbs share: password hashing, <see cref="UserAccounts"/> and <see cref="ApiKeys"/>.</summary>
    public static void AddAccountStore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(builder.Configuration.GetSection("Passwords"));
        services.AddSingleton<PasswordHashing>();
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<UserAccounts>();
        services.AddScoped<ApiKeys>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<AccountData>();
    }

    /// <summary>Client addresses from X-Forwarded-For, believed only from the configured trusted proxies.</summary>
    public static void UseTrustedProxies(this WebApplication app)
    {
        // With no trusted proxy the middleware would believe anyone's X-Forwarded-For, so it is left out.
        if (app.Services.GetRequiredService<IOptions<NetworkOptions>>().Value.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }
    }

    public static void UseAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(RequireAntiforgeryForCookieWrites);
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();
    }

    public static void MapAccounts(this WebApplication app)
    {
        app.MapAuthApi();
        app.MapKeysApi();
        app.MapAdminApi();
        app.MapMeApi();
    }

    /// <summary>A disabled user's session ends on their next request, and so does a session signed in with a password since changed.</summary>
    private static async Task RejectDisabledSessionAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<UserAccounts>();
        var stamp = context.Principal!.FindFirst(Caller.PasswordStampClaim)?.Value;
        if (Caller.From(context.Principal!).UserId is not { } id || !await accounts.IsSessionValidAsync(id, stamp, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }

    /// <summary>An API key wins, then any other bearer token (a JWT), then the session cookie.</summary>
    private static string SelectScheme(HttpContext context) =>
        ApiKeyAuthentication.KeyFrom(context.Request) is not null ? ApiKeyAuthentication.SchemeName
        : context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? JwtScheme
        : CookieScheme;

    private static Task ApiAnswersInsteadOfRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A browser sends the session cookie on its own, so a state change made with it must also carry an
    /// antiforgery token (form field or <c>RequestVerificationToken</c> header). API keys and bearer tokens
    /// are never sent by a browser unasked and need none.
    /// </summary>
    private static async Task RequireAntiforgeryForCookieWrites(HttpContext context, RequestDelegate next)
    {
        var method = context.Request.Method;
        if (context.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieScheme }
            && !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
            && context.Request.Path.StartsWithSegments("/api")
            && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            await AccountProblems.AntiforgeryMissing().ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    /// <summary>A policy named after the scope: an authenticated caller whose key (or session) grants it.</summary>
    private static AuthorizationBuilder AddScopePolicy(this AuthorizationBuilder authorization, string scope) =>
        authorization.AddPolicy(scope, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => Caller.From(context.User).HasScope(scope)));
}

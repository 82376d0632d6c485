using Hop.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using LinkOptions = Hop.Links.LinkOptions;

namespace Hop.Accounts;

/// <summary>
/// <c>/api/v1/admin/…</c>: needs the admin role and a credential with the admin scope. Anyone else gets
/// 404, as if the routes did not exist.
/// </summary>
internal static class AdminApi
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    /// <summary>
    /// The admin group, with its policy: every feature maps its admin routes on it (the click
    /// pipeline's accounting, for one), so none can end up outside it.
    /// </summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/admin").WithTags("Admin")
            .RequireAuthorization(AccountsServices.AdminPolicy)
            .WithMetadata(HiddenWhenForbidden.Instance);

    public static void MapAdminApi(this WebApplication app)
    {
        var admin = app.MapAdminGroup();
        admin.MapGet("/users", ListUsersAsync).WithSummary("List users, oldest first");
        admin.MapPost("/users/{id:long}/disable", DisableAsync).WithSummary("Disable a user: their keys, tokens and sessions stop working");
        admin.MapPost("/users/{id:long}/enable", EnableAsync).WithSummary("Enable a disabled user");
        admin.MapGet("/links", ListLinksAsync).WithSummary("List every user's links, oldest first");
        admin.MapDelete("/keys/{id:long}", RevokeKeyAsync).WithSummary("Revoke anyone's API key");
        admin.MapPost("/invites", CreateInviteAsync).WithSummary("Create a one-time invite link");
    }

    private static async Task<Ok<Page<UserResponse>>> ListUsersAsync(HopDbContext db, long? after, int? limit, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? DefaultPageSize, 1, MaxPageSize);
        var users = await db.Users.AsNoTracking().Where(u => u.Id > (after ?? 0)).OrderBy(u => u.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(new Page<UserResponse>
        {
            Items = users.Take(take).Select(UserResponse.From).ToList(),
            Next = users.Count > take ? users[take - 1].Id : null,
        });
    }

    private static Task<Results<NoContent, ProblemHttpResult>> DisableAsync(
        long id, HopDbContext db, TimeProvider time, ILogger<User> logger, HttpContext http, CancellationToken ct) =>
        SetDisabledAsync(id, time.GetUtcNow().UtcDateTime, db, logger, http, ct);

    private static Task<Results<NoContent, ProblemHttpResult>> EnableAsync(
        long id, HopDbContext db, ILogger<User> logger, HttpContext http, CancellationToken ct) =>
        SetDisabledAsync(id, null, db, logger, http, ct);

    private static async Task<Results<NoContent, ProblemHttpResult>> SetDisabledAsync(
        long id, DateTime? disabledAt, HopDbContext db, ILogger logger, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (id == caller.UserId && disabledAt is not null)
        {
            return AccountProblems.Conflict("Cannot disable yourself", "An admin cannot disable their own account.", "id");
        }

        if (!await db.Users.AnyAsync(u => u.Id == id, ct))
        {
            return AccountProblems.NotFound();
        }

        // Disabling twice keeps the first time.
        await (disabledAt is null ? db.Users.Where(u => u.Id == id) : db.Users.Where(u => u.Id == id && u.DisabledAt == null))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisabledAt, disabledAt), ct);

        AccountsLog.UserStateChanged(logger, id, disabledAt is null ? "enabled" : "disabled", caller.UserId!.Value);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<Page<AdminLinkResponse>>> ListLinksAsync(
        HopDbContext db, TimeProvider time, long? after, int? limit, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? DefaultPageSize, 1, MaxPageSize);
        var now = time.GetUtcNow().UtcDateTime;
        var links = await db.Links.AsNoTracking().Where(l => l.Id > (after ?? 0)).OrderBy(l => l.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(new Page<AdminLinkResponse>
        {
            Items = links.Take(take).Select(l => new AdminLinkResponse
            {
                Id = l.Id,
                Code = l.Code,
                Url = l.TargetUrl,
                OwnerId = l.OwnerId,
                Title = l.Title,
                State = l.StateAt(now).ToString().ToLowerInvariant(),
                VisitCount = l.VisitCount,
                CreatedAt = l.CreatedAt,
            }).ToList(),
            Next = links.Count > take ? links[take - 1].Id : null,
        });
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKeyAsync(
        long id, ApiKeys keys, HttpContext http, CancellationToken ct) =>
        await keys.RevokeAsync(id, ownerId: null, byUserId: Caller.From(http.User).UserId, ct)
            ? TypedResults.NoContent()
            : AccountProblems.NotFound();

    private static async Task<Results<Created<InviteResponse>, ValidationProblem, ProblemHttpResult>> CreateInviteAsync(
        CreateInviteRequest request, UserAccounts accounts, IOptions<LinkOptions> links, ILogger<Invite> logger, HttpContext http, CancellationToken ct)
    {
        var role = request.Role ?? Roles.User;
        if (role is not (Roles.User or Roles.Admin))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = ["role must be user or admin."] });
        }

        if (accounts.Options.Registration == RegistrationMode.Closed)
        {
            return AccountProblems.Conflict("Registration is closed",
                "Invites do not work while Accounts:Registration is closed; create accounts with `hop users create`.", "role");
        }

        var caller = Caller.From(http.User);
        var (token, invite) = await accounts.CreateInviteAsync(role, caller.UserId, accounts.Options.InviteLifetime, ct);
        AccountsLog.InviteCreated(logger, invite.Id, role, caller.UserId!.Value);
        return TypedResults.Created((string?)null, new InviteResponse
        {
            Token = token,
            Url = links.Value.PublicRoot(http.Request) + UserAccounts.InvitePath(token),
            Role = role,
            ExpiresAt = invite.ExpiresAt,
        });
    }
}

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

    private static async Task<Ok<Page<UserResponse>>> ListUsersAsync(UserAdministration users, long? after, int? limit, CancellationToken ct)
    {
        var page = await users.ListAsync(search: null, after, Math.Clamp(limit ?? DefaultPageSize, 1, MaxPageSize), ct);
        return TypedResults.Ok(new Page<UserResponse> { Items = page.Items.Select(UserResponse.From).ToList(), Next = page.Next });
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DisableAsync(
        long id, UserAdministration users, HttpContext http, CancellationToken ct) =>
        Answer(await users.SetDisabledAsync(id, disabled: true, Caller.From(http.User).UserId!.Value, ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> EnableAsync(
        long id, UserAdministration users, HttpContext http, CancellationToken ct) =>
        Answer(await users.SetDisabledAsync(id, disabled: false, Caller.From(http.User).UserId!.Value, ct));

    private static Results<NoContent, ProblemHttpResult> Answer(UserChange change) =>
        change.Succeeded ? TypedResults.NoContent()
        : change.IsNotFound ? AccountProblems.NotFound()
        : AccountProblems.Conflict(change.Title!, change.Detail!, change.Field);

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
        CreateInviteRequest request, UserAdministration users, IOptions<LinkOptions> links, HttpContext http, CancellationToken ct)
    {
        var created = await users.CreateInviteAsync(request.Role, Caller.From(http.User).UserId!.Value, ct);
        if (created is not { Token: { } token, Invite: { } invite })
        {
            return created.Change.Errors is { } errors
                ? TypedResults.ValidationProblem(errors)
                : AccountProblems.Conflict(created.Change.Title!, created.Change.Detail!, created.Change.Field);
        }

        return TypedResults.Created((string?)null, new InviteResponse
        {
            Token = token,
            Url = links.Value.PublicRoot(http.Request) + UserAccounts.InvitePath(token),
            Role = invite.Role,
            ExpiresAt = invite.ExpiresAt,
        });
    }
}

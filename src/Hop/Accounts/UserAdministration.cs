using Hop.Data;
using Microsoft.EntityFrameworkCore;

namespace Hop.Accounts;

/// <summary>
/// What an administrator does to accounts, for the admin API and the admin pages alike: list and find
/// users, disable and enable them (a disabled user's sessions, tokens and keys stop working on their next
/// request), change their role and invite new ones.
/// </summary>
internal sealed class UserAdministration(HopDbContext db, UserAccounts accounts, TimeProvider time, ILogger<UserAdministration> logger)
{
    /// <summary>
    /// Up to <paramref name="take"/> users after id <paramref name="after"/>, oldest first, whose username or
    /// email contains <paramref name="search"/> (any case) when one is given; one more row than asked tells
    /// whether another page follows.
    /// </summary>
    public async Task<Page<User>> ListAsync(string? search, long? after, int take, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking().Where(u => u.Id > (after ?? 0));
        if (search?.Trim() is { Length: > 0 } text)
        {
            // Usernames and emails are stored lower-case.
            var q = text.ToLowerInvariant();
            users = users.Where(u => u.Username.Contains(q) || u.Email.Contains(q));
        }

        var rows = await users.OrderBy(u => u.Id).Take(take + 1).ToListAsync(ct);
        return new Page<User>
        {
            Items = rows.Take(take).ToList(),
            Next = rows.Count > take ? rows[take - 1].Id : null,
        };
    }

    /// <summary>The ids of the users with these usernames (any case); the names no user has are in <c>Unknown</c>.</summary>
    public async Task<(List<long> Ids, List<string> Unknown)> IdsOfAsync(IEnumerable<string> usernames, CancellationToken ct)
    {
        var names = usernames.Select(UserRules.NormalizeUsername).Where(n => n.Length > 0).Distinct().ToList();
        var found = await db.Users.AsNoTracking().Where(u => names.Contains(u.Username)).ToDictionaryAsync(u => u.Username, u => u.Id, ct);
        return ([.. names.Where(found.ContainsKey).Select(n => found[n])], [.. names.Where(n => !found.ContainsKey(n))]);
    }

    /// <summary>The usernames of the users with these ids; an id no user has is left out.</summary>
    public Task<Dictionary<long, string>> NamesOfAsync(IEnumerable<long> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Username, ct);
    }

    /// <summary>Disables (or enables) user <paramref name="id"/> on behalf of admin <paramref name="byUserId"/>;
    /// an admin never disables themselves. Disabling twice keeps the first time.</summary>
    public async Task<UserChange> SetDisabledAsync(long id, bool disabled, long byUserId, CancellationToken ct)
    {
        if (id == byUserId && disabled)
        {
            return UserChange.Refused("Cannot disable yourself", "An admin cannot disable their own account.");
        }

        if (!await db.Users.AnyAsync(u => u.Id == id, ct))
        {
            return UserChange.NotFound;
        }

        DateTime? disabledAt = disabled ? time.GetUtcNow().UtcDateTime : null;
        await (disabled ? db.Users.Where(u => u.Id == id && u.DisabledAt == null) : db.Users.Where(u => u.Id == id))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisabledAt, disabledAt), ct);

        AccountsLog.UserStateChanged(logger, id, disabled ? "disabled" : "enabled", byUserId);
        return UserChange.Done;
    }

    /// <summary>
    /// Makes user <paramref name="id"/> a user or an admin. An admin never changes their own role, so the
    /// admin who asks stays one and Hop never loses its last administrator this way.
    /// </summary>
    public async Task<UserChange> ChangeRoleAsync(long id, string? role, long byUserId, CancellationToken ct)
    {
        if (role is not (Roles.User or Roles.Admin))
        {
            return UserChange.Invalid("role", "role must be user or admin.");
        }

        if (id == byUserId)
        {
            return UserChange.Refused("Cannot change your own role",
                "An admin cannot change their own role; another admin can, so Hop always keeps one.");
        }

        if (!await db.Users.AnyAsync(u => u.Id == id, ct))
        {
            return UserChange.NotFound;
        }

        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, role), ct);
        AccountsLog.UserStateChanged(logger, id, $"made {role}", byUserId);
        return UserChange.Done;
    }

    /// <summary>A one-time invite for <paramref name="role"/> (default user), which only works while registration is not closed.</summary>
    public async Task<InviteCreation> CreateInviteAsync(string? role, long byUserId, CancellationToken ct)
    {
        role ??= Roles.User;
        if (role is not (Roles.User or Roles.Admin))
        {
            return new InviteCreation { Change = UserChange.Invalid("role", "role must be user or admin.") };
        }

        if (accounts.Options.Registration == RegistrationMode.Closed)
        {
            return new InviteCreation
            {
                Change = UserChange.Refused("Registration is closed",
                    "Invites do not work while Accounts:Registration is closed; create accounts with `hop users create`.", "role"),
            };
        }

        var (token, invite) = await accounts.CreateInviteAsync(role, byUserId, accounts.Options.InviteLifetime, ct);
        AccountsLog.InviteCreated(logger, invite.Id, role, byUserId);
        return new InviteCreation { Change = UserChange.Done, Token = token, Invite = invite };
    }
}

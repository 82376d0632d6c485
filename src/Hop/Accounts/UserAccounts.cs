using System.Security.Cryptography;
using System.Text;
using Hop.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hop.Accounts;

/// <summary>Creating users, checking passwords and handling invites; shared by the API, the pages and the CLI.</summary>
internal sealed class UserAccounts(
    HopDbContext db,
    PasswordHashing passwords,
    TimeProvider time,
    IOptions<AccountOptions> options,
    ILogger<UserAccounts> logger)
{
    /// <summary>Verified when the username is unknown, so that a miss costs as long as a wrong password.</summary>
    private static string? _dummyHash;

    public AccountOptions Options => options.Value;

    /// <summary>The page where a person uses an invite (or the first-run setup token).</summary>
    public static string InvitePath(string token) => $"/register?invite={Uri.EscapeDataString(token)}";

    /// <summary>Problems with the fields of a new account, keyed by field name; empty when all are fine.</summary>
    public Dictionary<string, string[]> Validate(string? username, string? email, string? password)
    {
        var errors = new Dictionary<string, string[]>();
        var normalized = username is null ? null : UserRules.NormalizeUsername(username);
        if (UserRules.CheckUsername(normalized) is { } usernameError)
        {
            errors["username"] = [usernameError];
        }

        if (UserRules.CheckEmail(email is null ? null : UserRules.NormalizeEmail(email)) is { } emailError)
        {
            errors["email"] = [emailError];
        }

        if (UserRules.CheckPassword(password, Options.MinPasswordLength, normalized) is { } passwordError)
        {
            errors["password"] = [passwordError];
        }

        return errors;
    }

    /// <summary>
    /// Registers through the API or the setup page: checks the mode and the invite, then creates the user
    /// and spends the invite in one transaction, so a refused registration never burns an invite.
    /// </summary>
    public async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request, CancellationToken ct)
    {
        var errors = Validate(request.Username, request.Email, request.Password);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        Invite? invite = null;
        if (request.Invite is { Length: > 0 } token)
        {
            invite = await FindUsableInviteAsync(token, ct);
            if (invite is null)
            {
                return AccountProblems.InvalidInvite();
            }
        }
        else if (Options.Registration != RegistrationMode.Open)
        {
            return AccountProblems.RegistrationClosed(Options.Registration);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (invite is not null
            && await db.Invites.Where(i => i.Id == invite.Id && i.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now), ct) == 0)
        {
            return AccountProblems.InvalidInvite();
        }

        var (user, taken) = await CreateAsync(request.Username!, request.Email!, request.Password!, invite?.Role ?? Roles.User, ct);
        if (user is null)
        {
            return AccountProblems.Taken(taken!);
        }

        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/admin/users/{user.Id}", UserResponse.From(user));
    }

    /// <summary>The unused, unexpired invite with this token that registration accepts in the current mode, or null.</summary>
    public async Task<Invite?> FindUsableInviteAsync(string token, CancellationToken ct)
    {
        var hash = OneTimeTokens.Hash(token);
        var now = time.GetUtcNow().UtcDateTime;
        var invite = await db.Invites.AsNoTracking()
            .FirstOrDefaultAsync(i => i.TokenHash == hash && i.UsedAt == null && i.ExpiresAt > now, ct);
        // In closed mode only the first-run setup token (made by no one) still opens the door.
        return invite is null || (Options.Registration == RegistrationMode.Closed && invite.CreatedByUserId is not null) ? null : invite;
    }

    /// <summary>Creates a user whose fields were validated; when the username or email is someone
    /// else's, the user is null and <c>Taken</c> names that field.</summary>
    public async Task<(User? User, string? Taken)> CreateAsync(
        string username, string email, string password, string role, CancellationToken ct)
    {
        var user = new User
        {
            Username = UserRules.NormalizeUsername(username),
            Email = UserRules.NormalizeEmail(email),
            PasswordHash = passwords.Hash(password),
            Role = role,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        if (await db.Users.AnyAsync(u => u.Username == user.Username, ct))
        {
            return (null, "username");
        }

        if (await db.Users.AnyAsync(u => u.Email == user.Email, ct))
        {
            return (null, "email");
        }

        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return (null, "username");
        }

        AccountsLog.UserRegistered(logger, user.Id, user.Username, user.Role);
        return (user, null);
    }

    /// <summary>The active user with this username (or email) and password, or null. Upgrades weak hashes.</summary>
    public async Task<User?> CheckPasswordAsync(string? username, string? password, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password) || password.Length > UserRules.MaxPasswordLength)
        {
            return null;
        }

        var name = UserRules.NormalizeUsername(username);
        var user = name.Contains('@', StringComparison.Ordinal)
            ? await db.Users.FirstOrDefaultAsync(u => u.Email == name, ct)
            : await db.Users.FirstOrDefaultAsync(u => u.Username == name, ct);
        if (user is null)
        {
            passwords.Verify(_dummyHash ??= passwords.Hash(OneTimeTokens.New()), password, out _);
            return null;
        }

        if (!passwords.Verify(user.PasswordHash, password, out var rehash) || user.DisabledAt is not null)
        {
            return null;
        }

        if (rehash)
        {
            user.PasswordHash = passwords.Hash(password);
            await db.SaveChangesAsync(ct);
        }

        return user;
    }

    /// <summary>Makes a one-time invite and returns its token; only the hash is stored.</summary>
    public async Task<(string Token, Invite Invite)> CreateInviteAsync(string role, long? createdBy, TimeSpan lifetime, CancellationToken ct)
    {
        var token = OneTimeTokens.New();
        var now = time.GetUtcNow().UtcDateTime;
        var invite = new Invite
        {
            TokenHash = OneTimeTokens.Hash(token),
            Role = role,
            CreatedByUserId = createdBy,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        db.Invites.Add(invite);
        await db.SaveChangesAsync(ct);
        return (token, invite);
    }

    /// <summary>Why <paramref name="password"/> does not confirm an action of the user's own; null when it does,
    /// or when the user has no password to give.</summary>
    public async Task<string?> CheckOwnPasswordAsync(long userId, string? password, CancellationToken ct)
    {
        var hash = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.PasswordHash).FirstOrDefaultAsync(ct);
        if (string.IsNullOrEmpty(hash))
        {
            return null;
        }

        if (string.IsNullOrEmpty(password))
        {
            return "password is required: your current password confirms this.";
        }

        return password.Length <= UserRules.MaxPasswordLength && passwords.Verify(hash, password, out _) ? null : "password is not your current password.";
    }

    public Task<bool> IsActiveAsync(long userId, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.Id == userId && u.DisabledAt == null, ct);

    /// <summary>
    /// Whether a session cookie still stands: its user is active and its password stamp (see
    /// <see cref="PasswordStamp"/>) matches the current password, so a changed password ends other sessions.
    /// </summary>
    public async Task<bool> IsSessionValidAsync(long userId, string? stamp, CancellationToken ct)
    {
        var hash = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.DisabledAt == null)
            .Select(u => u.PasswordHash).FirstOrDefaultAsync(ct);
        return hash is not null && stamp is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(PasswordStamp(hash)), Encoding.ASCII.GetBytes(stamp));
    }

    /// <summary>A short digest of the password hash a session carries; it changes whenever the password does.</summary>
    public static string PasswordStamp(string passwordHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(passwordHash)), 0, 8);

    public Task<User?> FindActiveAsync(long userId, CancellationToken ct) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.DisabledAt == null, ct);

    /// <summary>
    /// Changes the user's own password, confirmed by the current one; the new one follows the same rule
    /// as at registration. Every refresh token of the user is revoked and, as the password stamp changes,
    /// every session cookie stops working (the caller signs its own session in again with the user returned).
    /// Problems are keyed <c>currentPassword</c> and <c>newPassword</c>.
    /// </summary>
    public async Task<(User? User, Dictionary<string, string[]> Errors)> ChangePasswordAsync(
        long userId, string? currentPassword, string? newPassword, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.DisabledAt == null, ct);
        if (user is null)
        {
            errors["currentPassword"] = ["the account is disabled or gone."];
            return (null, errors);
        }

        if (await CheckOwnPasswordAsync(userId, currentPassword, ct) is not null)
        {
            errors["currentPassword"] = [string.IsNullOrEmpty(currentPassword)
                ? "current password is required: it confirms the change."
                : "current password is wrong."];
        }

        if (UserRules.CheckPassword(newPassword, Options.MinPasswordLength, user.Username) is { } weak)
        {
            errors["newPassword"] = [weak.Replace("password", "new password", StringComparison.Ordinal)];
        }
        else if (errors.Count == 0 && passwords.Verify(user.PasswordHash, newPassword!, out _))
        {
            errors["newPassword"] = ["new password must differ from the current one."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.PasswordHash = passwords.Hash(newPassword!);
        await db.SaveChangesAsync(ct);
        await db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        await transaction.CommitAsync(ct);
        AccountsLog.PasswordChanged(logger, userId);
        return (user, errors);
    }
}

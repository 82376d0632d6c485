namespace Hop.Accounts;

/// <summary>Account events. Nothing secret is ever an argument here: ids, names and prefixes only.</summary>
internal static partial class AccountsLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "User {UserId} ({Username}) registered with role {Role}")]
    public static partial void UserRegistered(ILogger logger, long userId, string username, string role);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "API key {KeyId} ({Prefix}…) created for user {UserId}")]
    public static partial void KeyCreated(ILogger logger, long keyId, string prefix, long userId);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "API key {KeyId} revoked by user {ByUserId}")]
    public static partial void KeyRevoked(ILogger logger, long keyId, long byUserId);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "A used refresh token was presented again; token family {FamilyId} of user {UserId} is revoked")]
    public static partial void RefreshTokenReused(ILogger logger, Guid familyId, long userId);

    [LoggerMessage(EventId = 404, Level = LogLevel.Information, Message = "User {UserId} {Change} by user {ByUserId}")]
    public static partial void UserStateChanged(ILogger logger, long userId, string change, long byUserId);

    [LoggerMessage(EventId = 405, Level = LogLevel.Information, Message = "Invite {InviteId} for role {Role} created by user {UserId}")]
    public static partial void InviteCreated(ILogger logger, long inviteId, string role, long userId);

    // The setup link is the one secret Hop prints: the person installing it must copy it to create the first admin.
    [LoggerMessage(EventId = 406, Level = LogLevel.Warning, Message = "No user exists yet. Create the first admin (once, before {ExpiresAt:u}) at {SetupUrl}")]
    public static partial void FirstRunSetup(ILogger logger, string setupUrl, DateTime expiresAt);

    [LoggerMessage(EventId = 407, Level = LogLevel.Warning, Message = "Could not check for a first user; no setup link was made ({Reason})")]
    public static partial void FirstRunSetupSkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 408, Level = LogLevel.Information, Message = "API key {KeyId} revoked from the command line")]
    public static partial void KeyRevokedFromCommandLine(ILogger logger, long keyId);

    [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "User {UserId} changed their password; their other sessions and refresh tokens end")]
    public static partial void PasswordChanged(ILogger logger, long userId);

    [LoggerMessage(EventId = 733, Level = LogLevel.Information, Message = "User {UserId} ({Username}) deleted by {By}: {Links} link(s) are tombstones now, {Visits} raw visit(s) removed")]
    public static partial void AccountDeleted(ILogger logger, long userId, string username, int links, int visits, string by);
}

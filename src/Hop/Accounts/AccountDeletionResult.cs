namespace Hop.Accounts;

/// <summary>What deleting an account did: the codes of the links that became tombstones, which the caller drops from the caches.</summary>
internal sealed record AccountDeletionResult(AccountDeletionStatus Status, IReadOnlyList<string> Codes);

namespace Hop.Accounts;

internal enum AccountDeletionStatus
{
    Deleted,
    NotFound,

    /// <summary>The user is the last active admin; deleting them would leave nobody to run the installation.</summary>
    LastAdmin,
}

namespace Hop.Accounts;

/// <summary>Who may register: anyone, only holders of an invite, or no one (accounts come from the CLI).</summary>
internal enum RegistrationMode
{
    Open,
    Invite,
    Closed,
}

using Hop.Accounts;

namespace Hop.Links;

/// <summary>
/// One create or patch while <see cref="LinkRules"/> checks it: the link it applies to (a new one, or
/// the stored one with its current values), who asks and when, and what each field's rule decided.
/// Nothing reaches the link until every field has passed.
/// </summary>
internal sealed class LinkEdit(Link link, Caller caller, DateTime now, PasswordHashing passwords)
{
    private readonly List<Action<Link>> _writes = [];

    public Link Link => link;

    public Caller Caller => caller;

    public DateTime Now => now;

    public PasswordHashing Passwords => passwords;

    /// <summary>The field being checked, as the request named it: refusals are reported under it.</summary>
    public string Field { get; set; } = "";

    /// <summary>The reasons fields were refused, by field name.</summary>
    public Dictionary<string, string[]> Errors { get; } = [];

    public void Write(Action<Link> write) => _writes.Add(write);

    public void Refuse(string reason) => Errors[Field] = [reason];

    /// <summary>Writes every field's change onto the link when none was refused; true when it did.</summary>
    public bool Apply()
    {
        if (Errors.Count > 0)
        {
            return false;
        }

        foreach (var write in _writes)
        {
            write(link);
        }

        return true;
    }
}

using Hop.Accounts;
using Hop.Domains;
using Hop.Safety.Targets;

namespace Hop.Links;

/// <summary>
/// One create or patch while <see cref="LinkRules"/> checks it: the link it applies to (a new one, or
/// the stored one with its current values), who asks and when, and what each field's rule decided.
/// Nothing reaches the link until every field has passed, the asynchronous checks included.
/// </summary>
internal sealed class LinkEdit(Link link, Caller caller, DateTime now, PasswordHashing passwords, TargetPolicy targets)
{
    private readonly List<Action<Link>> _writes = [];
    private List<(string Field, Func<CancellationToken, Task<string?>> Check)>? _lateChecks;

    public Link Link => link;

    public Caller Caller => caller;

    public DateTime Now => now;

    public PasswordHashing Passwords => passwords;

    public TargetPolicy Targets => targets;

    public required DomainTable Domains { get; init; }

    /// <summary>Why the caller may not create links on <paramref name="domain"/>, or null when they may.</summary>
    public string? DomainAllowed(DomainEntry domain) =>
        caller.DomainId is { } only && only != domain.Id
            ? $"domain must be {(Domains.ById(only) ?? Domains.Default).Host}: this API key is limited to that domain."
            : domain.MayCreate(caller) ? null
            : $"domain {domain.Host} is open to {(domain.Access == DomainAccess.Admins ? "administrators" : "its listed users")} only.";

    /// <summary>The field being checked, as the request named it: refusals are reported under it.</summary>
    public string Field { get; set; } = "";

    /// <summary>The reasons fields were refused, by field name.</summary>
    public Dictionary<string, string[]> Errors { get; } = [];

    public void Write(Action<Link> write) => _writes.Add(write);

    public void Refuse(string reason) => Errors[Field] = [reason];

    /// <summary>Refuses a part of the current field, named by its path (<c>rules[1].conditions.os</c>), so every part at fault is reported.</summary>
    public void RefuseAt(string path, string reason) => Errors[path] = [reason];

    /// <summary>
    /// A check of the current field that has to wait on I/O (a DNS lookup): it runs in
    /// <see cref="ApplyAsync"/> once every field passed its own rule, and returns the reason to refuse
    /// the field, or null.
    /// </summary>
    public void CheckLater(Func<CancellationToken, Task<string?>> check) => CheckLater(Field, check);

    /// <summary>The same for a part of the current field, reported under <paramref name="path"/>.</summary>
    public void CheckLater(string path, Func<CancellationToken, Task<string?>> check) => (_lateChecks ??= []).Add((path, check));

    /// <summary>
    /// Runs the late checks, then writes every field's change onto the link when none was refused; true
    /// when it did. Without late checks it completes at once.
    /// </summary>
    public async Task<bool> ApplyAsync(CancellationToken ct)
    {
        if (Errors.Count > 0)
        {
            return false;
        }

        foreach (var (field, check) in _lateChecks ?? [])
        {
            if (await check(ct) is { } reason)
            {
                Errors[field] = [reason];
            }
        }

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

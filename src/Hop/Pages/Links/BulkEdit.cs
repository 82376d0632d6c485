using System.Globalization;
using System.Text.Json;
using Hop.Accounts;
using Hop.Data;
using Hop.Domains;
using Hop.Links;
using Microsoft.EntityFrameworkCore;

namespace Hop.Pages.Links;

/// <summary>
/// The dashboard's bulk actions. Each link changes through <see cref="LinkStore.EditAsync(string, string?, Caller, Func{Link, bool}?, Func{LinkEdit, CancellationToken, Task{bool}}, CancellationToken)"/>
/// like an API edit (version, cache invalidation), its fields checked by <see cref="LinkRules.PatchAsync"/>
/// as a merge patch would be, so a tag or an enable is refused here for the same reasons as there.
/// </summary>
internal static class BulkEdit
{
    /// <summary>The most links one action takes: more than the largest page.</summary>
    public const int MaxLinks = 500;

    public static string Describe(BulkAction action) => action switch
    {
        BulkAction.AddTag => "Add a tag",
        BulkAction.RemoveTag => "Remove a tag",
        BulkAction.Disable => "Disable",
        BulkAction.Enable => "Enable",
        _ => "Delete",
    };

    /// <summary>The question the confirmation asks, e.g. "Disable 3 links?".</summary>
    public static string Question(BulkAction action, int count, string? tag) => action switch
    {
        BulkAction.AddTag => $"Add the tag “{tag}” to {Links(count)}?",
        BulkAction.RemoveTag => $"Remove the tag “{tag}” from {Links(count)}?",
        BulkAction.Disable => $"Disable {Links(count)}?",
        BulkAction.Enable => $"Enable {Links(count)}?",
        _ => $"Delete {Links(count)}?",
    };

    /// <summary>The confirm button's text, e.g. "Disable 3 links".</summary>
    public static string Confirm(BulkAction action, int count) => action switch
    {
        BulkAction.AddTag => $"Tag {Links(count)}",
        BulkAction.RemoveTag => $"Untag {Links(count)}",
        BulkAction.Disable => $"Disable {Links(count)}",
        BulkAction.Enable => $"Enable {Links(count)}",
        _ => $"Delete {Links(count)}",
    };

    /// <summary>What was done, e.g. "12 links disabled".</summary>
    public static string Done(BulkAction action, int count) => action switch
    {
        BulkAction.AddTag => $"{Links(count)} tagged.",
        BulkAction.RemoveTag => $"{Links(count)} untagged.",
        BulkAction.Disable => $"{Links(count)} disabled.",
        BulkAction.Enable => $"{Links(count)} enabled.",
        _ => $"{Links(count)} deleted.",
    };

    /// <summary>Why the action cannot run at all (no tag for a tag action), by form field; empty when it can.</summary>
    public static Dictionary<string, string[]> Check(BulkAction? action, string? tag, int picked)
    {
        var errors = new Dictionary<string, string[]>();
        if (action is null)
        {
            errors["Form.Action"] = ["Choose an action."];
        }
        else if (action is BulkAction.AddTag or BulkAction.RemoveTag && string.IsNullOrWhiteSpace(tag))
        {
            errors["Form.Tag"] = ["Enter the tag to add or remove."];
        }

        if (picked == 0)
        {
            errors["ids"] = ["Select at least one link (the boxes in the table's first column)."];
        }
        else if (picked > MaxLinks)
        {
            errors["ids"] = [$"Select at most {MaxLinks} links at once."];
        }

        return errors;
    }

    /// <summary>The caller's own links among <paramref name="ids"/> (not deleted ones), newest first, in one query.</summary>
    public static Task<List<Link>> FindAsync(HopDbContext db, Caller caller, IReadOnlyCollection<long> ids, CancellationToken ct) =>
        db.Links.AsNoTracking()
            .Where(l => l.OwnerId == caller.UserId && l.DeletedAt == null && ids.Contains(l.Id))
            .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id)
            .ToListAsync(ct);

    /// <summary>Whether the action would change the link: tagging a tagged link or disabling a disabled one does nothing.</summary>
    public static bool Changes(BulkAction action, string? tag, Link link) => action switch
    {
        BulkAction.AddTag => !link.Tags.Contains(tag!.Trim(), StringComparer.Ordinal),
        BulkAction.RemoveTag => link.Tags.Contains(tag!.Trim(), StringComparer.Ordinal),
        BulkAction.Disable => link.DisabledReason is null,
        BulkAction.Enable => link.DisabledReason is not null,
        _ => true,
    };

    /// <summary>Applies the action to each link on its own; a link refused (an administrator's ban, too many tags) does not stop the others.</summary>
    public static async Task<BulkResult> ApplyAsync(
        LinkStore store, DomainTable domains, Caller caller, IReadOnlyList<Link> links, BulkAction action, string? tag, CancellationToken ct)
    {
        var changed = 0;
        var failed = new List<(string Code, string Reason)>();
        foreach (var link in links)
        {
            var host = (domains.ById(link.DomainId) ?? domains.Default).Host;
            var written = await store.EditAsync(link.Code, host, caller, ifMatchFails: null, (edit, editCt) => ChangeAsync(edit, action, tag, editCt), ct);
            switch (written.Status)
            {
                case LinkWriteStatus.Changed:
                    changed++;
                    break;
                case LinkWriteStatus.Invalid:
                    failed.Add((link.Code, string.Join(" ", written.Errors!.Values.SelectMany(v => v))));
                    break;
                case LinkWriteStatus.Gone:
                    failed.Add((link.Code, "the link was deleted meanwhile."));
                    break;
                default:
                    failed.Add((link.Code, "the link could not be changed; try again."));
                    break;
            }
        }

        return new BulkResult(changed, failed);
    }

    private static async Task<bool> ChangeAsync(LinkEdit edit, BulkAction action, string? tag, CancellationToken ct)
    {
        if (action == BulkAction.Delete)
        {
            // As the API's DELETE: the row stays and its code answers 410.
            edit.Link.DeletedAt = edit.Now;
            return true;
        }

        using var patch = Patch(edit.Link, action, tag?.Trim() ?? "");
        return await LinkRules.PatchAsync(patch.RootElement, edit, ct);
    }

    /// <summary>The merge patch a program would send for the action.</summary>
    private static JsonDocument Patch(Link link, BulkAction action, string tag)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (action is BulkAction.AddTag or BulkAction.RemoveTag)
            {
                json.WriteStartArray("tags");
                foreach (var kept in link.Tags.Where(t => !string.Equals(t, tag, StringComparison.Ordinal)))
                {
                    json.WriteStringValue(kept);
                }

                if (action == BulkAction.AddTag)
                {
                    json.WriteStringValue(tag);
                }

                json.WriteEndArray();
            }
            else
            {
                json.WriteBoolean("disabled", action == BulkAction.Disable);
            }

            json.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.ToArray());
    }

    private static string Links(int count) =>
        count == 1 ? "1 link" : string.Create(CultureInfo.InvariantCulture, $"{count:N0} links");
}

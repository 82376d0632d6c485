using Hop.Accounts;
using Hop.Data;
using Hop.Links;
using Hop.Redirects;
using Hop.Safety.Blocklist;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hop.Safety.Reports;

/// <summary>
/// The administrators' side of abuse reports: the queue, newest first, and the actions on a report.
/// An action closes every open report of the same link with it and records who, when, what and why
/// on each; an action on a report that is already closed is allowed and recorded too.
/// </summary>
internal sealed class ReportQueue(
    HopDbContext db, BlocklistEditor blocklist, LinkCache cache, TimeProvider time, ILogger<AbuseReportAction> logger)
{
    public const int MaxNoteLength = 1000;

    public async Task<Page<ReportResponse>> ListAsync(string? status, long? before, int take, CancellationToken ct)
    {
        var query = db.AbuseReports.AsNoTracking();
        if (status is not null)
        {
            query = query.Where(r => r.Status == status);
        }

        if (before is { } id)
        {
            query = query.Where(r => r.Id < id);
        }

        var reports = await query.OrderByDescending(r => r.Id).Take(take + 1).ToListAsync(ct);
        var page = reports.Take(take).ToList();
        return new Page<ReportResponse>
        {
            Items = await DescribeAsync(page, ct),
            Next = reports.Count > take ? page[^1].Id : null,
        };
    }

    public async Task<ReportResponse?> FindAsync(long id, CancellationToken ct)
    {
        var report = await db.AbuseReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return report is null ? null : (await DescribeAsync([report], ct))[0];
    }

    public async Task<Results<Ok<ReportResponse>, ValidationProblem, ProblemHttpResult>> ActAsync(
        long id, ReportActionRequest request, long adminId, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var action = request.Action?.Trim().ToLowerInvariant();
        if (action is null || !ReportActions.All.Contains(action, StringComparer.Ordinal))
        {
            errors["action"] = [$"action must be one of: {string.Join(", ", ReportActions.All)}."];
        }

        var note = request.Note?.Trim() is { Length: > 0 } n ? n : null;
        if (note is { Length: > MaxNoteLength })
        {
            errors["note"] = [$"note must be at most {MaxNoteLength:N0} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var report = await db.AbuseReports.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return ReportNotFound(id);
        }

        var link = await db.Links.AsNoTracking().FirstAsync(l => l.Id == report.LinkId, ct);
        var refused = Refusal(action!, link, adminId);
        if (refused is not null)
        {
            return refused;
        }

        // The blocklist commits and drops its links from the caches itself, so it runs before this
        // transaction rather than inside it.
        if (action == ReportActions.BlockDomain)
        {
            var disabled = await blocklist.BlockDomainAsync(link.TargetHost, $"abuse report {report.Id}" + (note is null ? "" : ": " + note), adminId, ct);
            ReportsLog.DomainBlocked(logger, link.TargetHost, report.Id, adminId, disabled);
        }

        var now = time.GetUtcNow().UtcDateTime;
        List<string> changed = [link.Code];
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (action == ReportActions.DisableLink)
            {
                await DisableLinkAsync(link, now, ct);
            }
            else if (action == ReportActions.DisableOwner)
            {
                changed.AddRange(await DisableOwnerAsync(link.OwnerId!.Value, report.Id, adminId, now, ct));
            }

            // Any action is an administrator's answer to the reports, so their warning goes.
            await db.Links.Where(l => l.Id == link.Id && l.Warning == AbuseReports.Warning)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Warning, (string?)null), ct);
            var closed = await CloseAsync(report, action!, note, adminId, now, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            ReportsLog.Actioned(logger, report.Id, action!, adminId, closed, link.Code);
        }

        foreach (var code in changed.Distinct())
        {
            cache.Invalidate(code);
        }

        return TypedResults.Ok((await FindAsync(report.Id, ct))!);
    }

    /// <summary>Why an action cannot apply to this link, or null when it can.</summary>
    private static ProblemHttpResult? Refusal(string action, Link link, long adminId) => action switch
    {
        ReportActions.BlockDomain when link.TargetHost.Length == 0 =>
            Conflict("The link has no host", "The link's target host is not known, so there is no domain to block.", "action"),
        ReportActions.DisableOwner when link.OwnerId is null =>
            Conflict("The link has no owner", "The link was created anonymously; disable the link instead.", "action"),
        ReportActions.DisableOwner when link.OwnerId == adminId =>
            Conflict("Cannot disable yourself", "The link is your own; an admin cannot disable their own account.", "action"),
        _ => null,
    };

    /// <summary>A link its owner disabled is disabled again by the administrator, so that the owner cannot enable it.</summary>
    private Task<int> DisableLinkAsync(Link link, DateTime now, CancellationToken ct) =>
        db.Links.Where(l => l.Id == link.Id && (l.DisabledReason == null || l.DisabledReason == LinkRules.DisabledByOwner))
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.DisabledReason, ReportActions.LinkDisabledReason)
                .SetProperty(l => l.Version, l => l.Version + 1)
                .SetProperty(l => l.UpdatedAt, now), ct);

    /// <summary>
    /// The owner's account is disabled as the admin API does it (their keys, tokens and sessions stop
    /// working), and every active link of theirs in one statement; returns those links' codes.
    /// </summary>
    private async Task<List<string>> DisableOwnerAsync(long ownerId, long reportId, long adminId, DateTime now, CancellationToken ct)
    {
        await db.Users.Where(u => u.Id == ownerId && u.DisabledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisabledAt, now), ct);
        var disabled = await db.Links.Where(l => l.OwnerId == ownerId && l.DisabledReason == null && l.DeletedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.DisabledReason, ReportActions.OwnerDisabledReason)
                .SetProperty(l => l.Version, l => l.Version + 1)
                .SetProperty(l => l.UpdatedAt, now), ct);
        ReportsLog.OwnerDisabled(logger, ownerId, reportId, adminId, disabled);

        // Codes disabled this way earlier are dropped again too: harmless, and it needs no list from the update.
        return await db.Links.Where(l => l.OwnerId == ownerId && l.DisabledReason == ReportActions.OwnerDisabledReason)
            .Select(l => l.Code).ToListAsync(ct);
    }

    /// <summary>Closes <paramref name="report"/> and every other open report of its link, recording the action on each.</summary>
    private async Task<int> CloseAsync(AbuseReport report, string action, string? note, long adminId, DateTime now, CancellationToken ct)
    {
        var reports = await db.AbuseReports
            .Where(r => r.LinkId == report.LinkId && (r.Id == report.Id || r.Status == ReportStatus.Open))
            .ToListAsync(ct);
        foreach (var closing in reports)
        {
            // A dismissal never reopens or softens a report that was already acted on.
            closing.Status = action != ReportActions.Dismiss ? ReportStatus.Actioned
                : closing.Status == ReportStatus.Open ? ReportStatus.Dismissed
                : closing.Status;
            db.AbuseReportActions.Add(new AbuseReportAction
            {
                ReportId = closing.Id,
                Action = action,
                AdminUserId = adminId,
                At = now,
                Note = closing.Id == report.Id ? note : $"with report {report.Id}" + (note is null ? "" : ": " + note),
            });
        }

        return reports.Count;
    }

    private async Task<List<ReportResponse>> DescribeAsync(List<AbuseReport> reports, CancellationToken ct)
    {
        var linkIds = reports.Select(r => r.LinkId).Distinct().ToList();
        var reportIds = reports.Select(r => r.Id).ToList();
        var links = await db.Links.AsNoTracking().Where(l => linkIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        var ownerIds = links.Values.Where(l => l.OwnerId is not null).Select(l => l.OwnerId!.Value).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Username, ct);
        var counts = await db.AbuseReports.AsNoTracking().Where(r => linkIds.Contains(r.LinkId))
            .GroupBy(r => r.LinkId)
            .Select(g => new { LinkId = g.Key, All = g.Count(), Open = g.Count(r => r.Status == ReportStatus.Open) })
            .ToDictionaryAsync(c => c.LinkId, ct);
        var actions = (await db.AbuseReportActions.AsNoTracking().Where(a => reportIds.Contains(a.ReportId))
            .OrderBy(a => a.Id).ToListAsync(ct)).ToLookup(a => a.ReportId);
        var now = time.GetUtcNow().UtcDateTime;
        return [.. reports.Select(r =>
        {
            var link = links[r.LinkId];
            return new ReportResponse
            {
                Id = r.Id,
                Code = r.Code,
                Reason = r.Reason,
                Details = r.Details,
                ContactEmail = r.ContactEmail,
                ReporterKey = r.ReporterKey,
                Status = r.Status,
                CreatedAt = r.CreatedAt,
                Link = new ReportedLinkResponse
                {
                    Id = link.Id,
                    Code = link.Code,
                    Target = link.TargetUrl,
                    TargetHost = link.TargetHost,
                    OwnerId = link.OwnerId,
                    OwnerUsername = link.OwnerId is { } owner ? owners.GetValueOrDefault(owner) : null,
                    State = link.StateAt(now).ToString().ToLowerInvariant(),
                    DisabledReason = link.DisabledReason,
                    Warning = link.Warning,
                    ReportCount = counts[r.LinkId].All,
                    OpenReportCount = counts[r.LinkId].Open,
                },
                Actions = [.. actions[r.Id].Select(ReportActionResponse.From)],
            };
        })];
    }

    /// <summary>The usernames of the administrators who acted, for the pages that list the actions.</summary>
    public Task<Dictionary<long, string>> UsernamesAsync(IEnumerable<long> userIds, CancellationToken ct)
    {
        var ids = userIds.Distinct().ToList();
        return db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Username, ct);
    }

    public static ProblemHttpResult ReportNotFound(long id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Report not found", detail: $"There is no abuse report {id}.");

    private static ProblemHttpResult Conflict(string title, string detail, string field) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: title, detail: detail,
        extensions: new Dictionary<string, object?> { ["field"] = field });
}

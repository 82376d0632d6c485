using System.Net.Mail;
using Hop.Data;
using Hop.Domains;
using Hop.Links;
using Hop.Redirects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hop.Safety.Reports;

/// <summary>
/// Takes a visitor's report, from the API and the form alike: checks it field by field, stores it, and
/// puts the link behind the interstitial once more than <see cref="SafetyOptions.ReportsBeforeWarning"/>
/// distinct reporters have open reports on it.
/// </summary>
internal sealed class AbuseReports(
    HopDbContext db, ReporterKeys reporters, LinkCache cache, DomainTable domains, TimeProvider time, IOptions<SafetyOptions> options, ILogger<AbuseReport> logger)
{
    public const int MaxDetailsLength = 2000;
    public const int MaxEmailLength = 254;

    /// <summary>The <c>Warning</c> reports put on a link; only this one is cleared when its reports are dismissed.</summary>
    public const string Warning = "several visitors reported this link";

    /// <summary>
    /// Files a report on the link <see cref="CreateReportRequest.ShortUrl"/> names: on the domain of its host
    /// when it is a full address, else on the domain the report came in on.
    /// </summary>
    public async Task<ReportSubmission> SubmitAsync(CreateReportRequest request, HttpRequest http, string clientIp, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var code = CodeOf(request.ShortUrl);
        var domain = DomainOf(request.ShortUrl, http);
        var link = code is null || domain is null ? null
            : await db.Links.AsNoTracking().FirstOrDefaultAsync(l => l.DomainId == domain.Id && l.Code == code, ct);
        if (link is null)
        {
            errors["shortUrl"] = [string.IsNullOrWhiteSpace(request.ShortUrl)
                ? "shortUrl is required: the short link's full address or its code."
                : "shortUrl is not a short link of this site."];
        }

        if (!ReportReasons.IsKnown(request.Reason))
        {
            errors["reason"] = [$"reason must be one of: {string.Join(", ", ReportReasons.All)}."];
        }

        var details = request.Details?.Trim() is { Length: > 0 } d ? d : null;
        if (details is { Length: > MaxDetailsLength })
        {
            errors["details"] = [$"details must be at most {MaxDetailsLength:N0} characters."];
        }

        var email = request.ContactEmail?.Trim() is { Length: > 0 } e ? e : null;
        if (email is not null && (email.Length > MaxEmailLength || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            errors["contactEmail"] = ["contactEmail must be an email address, or left out."];
        }

        if (errors.Count > 0)
        {
            return new ReportSubmission(null, errors);
        }

        var report = new AbuseReport
        {
            LinkId = link!.Id,
            Code = link.Code,
            Reason = request.Reason!,
            Details = details,
            ReporterKey = await reporters.KeyOfAsync(db, clientIp, ct),
            ContactEmail = email,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.AbuseReports.Add(report);
        await db.SaveChangesAsync(ct);
        ReportsLog.Submitted(logger, report.Id, link.Code, report.Reason);

        if (link.Warning is null)
        {
            await WarnWhenReportedEnoughAsync(link, ct);
        }

        return new ReportSubmission(report.Id, errors);
    }

    /// <summary>
    /// The code a visitor gave: the last path segment of a short URL (any host: the code decides), a
    /// <c>/{code}+</c> info address, or the bare code. Null when none of these is well formed.
    /// </summary>
    private DomainEntry? DomainOf(string? shortUrl, HttpRequest http) =>
        Uri.TryCreate(shortUrl?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? domains.ByHost(uri.IdnHost)
            : domains.TryFind(http, out var here) ? here : domains.Default;

    public static string? CodeOf(string? shortUrl)
    {
        var text = shortUrl?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            text = uri.AbsolutePath;
        }

        text = text.Trim('/');
        text = text[(text.LastIndexOf('/') + 1)..];
        if (text.EndsWith('+'))
        {
            text = text[..^1];
        }

        return ShortCode.IsWellFormed(text) ? text : null;
    }

    /// <summary>Counts distinct reporters, so one visitor reporting again and again cannot put a link behind the interstitial.</summary>
    private async Task WarnWhenReportedEnoughAsync(Link link, CancellationToken ct)
    {
        var reporterCount = await db.AbuseReports
            .Where(r => r.LinkId == link.Id && r.Status == ReportStatus.Open)
            .Select(r => r.ReporterKey).Distinct().CountAsync(ct);
        if (reporterCount <= options.Value.ReportsBeforeWarning)
        {
            return;
        }

        var set = await db.Links.Where(l => l.Id == link.Id && l.Warning == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Warning, Warning), ct);
        if (set > 0)
        {
            cache.Invalidate(link);
            ReportsLog.WarningSet(logger, link.Code, reporterCount);
        }
    }
}

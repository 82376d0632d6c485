using Hop.Accounts;
using Hop.Safety.Reports;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Hop.Pages.Reports;

/// <summary>
/// <c>/report</c>: the form a visitor reports a link with (<c>?code=</c> fills it in), and its answer:
/// a confirmation, or the form again with each refused field marked. It posts what
/// <c>POST /api/v1/reports</c> takes, through the same <see cref="AbuseReports"/>, under the same limit.
/// </summary>
internal static class ReportPages
{
    public const string Path = "/report";

    public static void MapReportPages(this WebApplication app)
    {
        var pages = app.MapGroup("").WithTags("Pages").ExcludeFromDescription();
        pages.MapGet(Path, (HttpContext http, IAntiforgery antiforgery, string? code) =>
            Form(http, antiforgery, new CreateReportRequest { ShortUrl = code }, errors: null)).AllowAnonymous();
        pages.MapPost(Path, SubmitAsync).AllowAnonymous().RequireRateLimiting(RateLimits.ReportsPolicy);
    }

    private static async Task<IResult> SubmitAsync(
        [FromForm] string? shortUrl, [FromForm] string? reason, [FromForm] string? details, [FromForm] string? contactEmail,
        HttpContext http, AbuseReports reports, IAntiforgery antiforgery)
    {
        var request = new CreateReportRequest { ShortUrl = shortUrl, Reason = reason, Details = details, ContactEmail = contactEmail };
        var submitted = await reports.SubmitAsync(request, http.Request, RateLimits.ClientIp(http), http.RequestAborted);
        if (submitted.Id is not { } id)
        {
            return Form(http, antiforgery, request, submitted.Errors);
        }

        return PageShell.Page("Report sent", $"""
            <h1>Thank you</h1>
            <p role="status">Your report has reached the administrators of this site (reference <b>#{id}</b>).
               They review every report and disable links that lead somewhere harmful.</p>
            <p>If you gave an email address, they may write to you about it. Nothing else is needed from you.</p>
            <p><a href="{Path}">Report another link</a></p>
            """);
    }

    private static IResult Form(HttpContext http, IAntiforgery antiforgery, CreateReportRequest values, Dictionary<string, string[]>? errors)
    {
        var token = antiforgery.GetAndStoreTokens(http);
        var summary = errors is { Count: > 0 }
            ? $"<div role=\"alert\"><p><strong>The report was not sent.</strong> Please correct the marked fields:</p><ul>{string.Concat(errors.Select(e => $"<li><a href=\"#{e.Key}\">{Encode(Friendly(e.Key, e.Value[0]))}</a></li>"))}</ul></div>"
            : "";
        var options = string.Concat(ReportReasons.Choices.Select(c =>
            $"<option value=\"{c.Value}\"{(c.Value == values.Reason ? " selected" : "")}>{Encode(c.Label)}</option>"));
        var body = $"""
            <h1>Report a link</h1>
            <p>Tell the administrators about a short link of this site that leads to phishing, malware, spam or anything else harmful.</p>
            {summary}
            <form method="post" action="{Path}" novalidate>
              <input type="hidden" name="{Encode(token.FormFieldName)}" value="{Encode(token.RequestToken ?? "")}">
              <p><label for="shortUrl">Short link</label>
                 <span class="hint" id="shortUrl-hint">Its full address, or just the code after the last slash.</span>
                 <input id="shortUrl" name="shortUrl" type="text" value="{Encode(values.ShortUrl ?? "")}" required autocomplete="off"{Described("shortUrl", errors)}>
                 {Error("shortUrl", errors)}</p>
              <p><label for="reason">Reason</label>
                 <select id="reason" name="reason" required{Described("reason", errors, hint: false)}>
                   <option value="">Choose a reason</option>
                   {options}
                 </select>
                 {Error("reason", errors)}</p>
              <p><label for="details">What is wrong with it? <span class="hint">(optional, up to {AbuseReports.MaxDetailsLength:N0} characters)</span></label>
                 <textarea id="details" name="details" rows="5" maxlength="{AbuseReports.MaxDetailsLength}"{Described("details", errors, hint: false)}>{Encode(values.Details ?? "")}</textarea>
                 {Error("details", errors)}</p>
              <p><label for="contactEmail">Your email <span class="hint">(optional: only if you want an answer)</span></label>
                 <input id="contactEmail" name="contactEmail" type="email" value="{Encode(values.ContactEmail ?? "")}" autocomplete="email"{Described("contactEmail", errors, hint: false)}>
                 {Error("contactEmail", errors)}</p>
              <p><button type="submit">Send report</button></p>
            </form>
            <p class="hint">Hop keeps no address of yours with the report, only a key that tells reports from the same visitor apart.</p>
            """;
        return PageShell.Page("Report a link", body, errors is { Count: > 0 } ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static string Described(string field, Dictionary<string, string[]>? errors, bool hint = true)
    {
        var ids = (hint ? field + "-hint" : "") + (errors?.ContainsKey(field) == true ? " " + field + "-error" : "");
        return (ids.Trim().Length > 0 ? $" aria-describedby=\"{ids.Trim()}\"" : "") + (errors?.ContainsKey(field) == true ? " aria-invalid=\"true\"" : "");
    }

    private static string Error(string field, Dictionary<string, string[]>? errors) =>
        errors is not null && errors.TryGetValue(field, out var reasons)
            ? $"<span class=\"field-error\" id=\"{field}-error\">{Encode(Friendly(field, reasons[0]))}</span>"
            : "";

    /// <summary>The API's reason, reworded for a person at the form where it names a field or a list of values.</summary>
    private static string Friendly(string field, string reason) => field switch
    {
        "shortUrl" when reason.Contains("required", StringComparison.Ordinal) => "Enter the short link you want to report.",
        "shortUrl" => "This is not a short link of this site. Check the address and try again.",
        "reason" => "Choose the reason that fits best.",
        "details" => $"Please keep it under {AbuseReports.MaxDetailsLength:N0} characters.",
        "contactEmail" => "Enter an email address like name@example.com, or leave it empty.",
        _ => reason,
    };

    private static string Encode(string text) => PageShell.Encode(text);
}

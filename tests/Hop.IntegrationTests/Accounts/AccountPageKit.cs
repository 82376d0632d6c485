using System.Net;
using System.Text.RegularExpressions;

namespace Hop.IntegrationTests.Accounts;

/// <summary>Posting the account pages' forms as a browser does: the antiforgery token of the page and the form's name.</summary>
internal static partial class AccountPageKit
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Gets <paramref name="path"/>, then posts its form <paramref name="formName"/> with <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, string formName, params (string Key, string Value)[] fields)
    {
        var page = await (await browser.GetAsync(path, Ct)).Content.ReadAsStringAsync(Ct);
        var token = WebUtility.HtmlDecode(FormToken().Match(page).Groups[1].Value);
        Assert.NotEmpty(token);
        return await browser.PostAsync(path, AccountsTests.Form([("_handler", formName), ("__RequestVerificationToken", token), .. fields]), Ct);
    }

    public static async Task SignInAsync(HttpClient browser, string username, string password)
    {
        var response = await PostFormAsync(browser, "/login", "login", ("username", username), ("password", password));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The path and query of a Location, relative or absolute; an absolute one must be this host's.</summary>
    public static string PathOf(Uri? location)
    {
        Assert.NotNull(location);
        if (!location.IsAbsoluteUri)
        {
            return location.OriginalString;
        }

        Assert.Equal("localhost", location.Host);
        return location.PathAndQuery;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}

using System.Globalization;

namespace Hop.Pages.Admin;

/// <summary>The users page's row buttons, one form: the pressed button's value is "action:id" (disable, enable, make-admin, make-user).</summary>
internal sealed class AdminUserActionForm
{
    public string? Action { get; set; }

    public static (string Action, long Id) Parse(string? value) =>
        value?.Split(':') is [var action, var id] && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            ? (action, userId)
            : ("", 0);
}

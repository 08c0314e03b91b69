using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MeToo.Web.Staff;

/// <summary>A session signed in with a one-time password reaches nothing but the password change and sign-out.</summary>
public sealed class MustChangePasswordFilter : IAsyncPageFilter
{
    private static readonly string[] Allowed = ["/Account/ChangePassword", "/Account/Logout", "/Account/Login", "/Account/Denied"];

    private static readonly string[] StaffFolders = ["/Account/", "/Moderation/", "/Admin/"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var page = context.ActionDescriptor.ViewEnginePath;
        var isStaffPage = StaffFolders.Any(folder => page.StartsWith(folder, StringComparison.OrdinalIgnoreCase));
        if (isStaffPage
            && !Allowed.Contains(page, StringComparer.OrdinalIgnoreCase)
            && context.HttpContext.User.HasClaim(c => c.Type == StaffAccounts.MustChangePasswordClaim))
        {
            context.Result = new RedirectResult("/account/changepassword");
            return;
        }

        await next();
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MeToo.Web.Staff;

/// <summary>
/// Keeps a staff session on the path it owes before it reaches anything else: a session signed in
/// with a one-time password changes it first; then, where two-factor is required, a session that
/// did not use a code sets up the authenticator (or signs in again with one).
/// </summary>
public sealed class StaffSessionFilter : IAsyncPageFilter
{
    private static readonly string[] AlwaysReachable = ["/Account/Logout", "/Account/Login", "/Account/LoginWithCode", "/Account/Denied"];

    private static readonly string[] StaffFolders = ["/Account/", "/Moderation/", "/Admin/"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var owed = await OwedPageAsync(context);
        if (owed is not null && !string.Equals(owed, context.ActionDescriptor.ViewEnginePath, StringComparison.OrdinalIgnoreCase))
        {
            context.Result = new RedirectResult(owed.ToLowerInvariant());
            return;
        }

        await next();
    }

    private static async Task<string?> OwedPageAsync(PageHandlerExecutingContext context)
    {
        var page = context.ActionDescriptor.ViewEnginePath;
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated != true
            || !StaffFolders.Any(folder => page.StartsWith(folder, StringComparison.OrdinalIgnoreCase))
            || AlwaysReachable.Contains(page, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        if (user.HasClaim(c => c.Type == StaffAccounts.MustChangePasswordClaim))
        {
            return "/Account/ChangePassword";
        }

        if (user.HasClaim(StaffAccounts.AuthenticationMethodClaim, StaffAccounts.MultiFactor))
        {
            return null;
        }

        var policy = context.HttpContext.RequestServices.GetRequiredService<TwoFactorPolicy>();
        return await policy.IsRequiredAsync(context.HttpContext.RequestAborted) ? "/Account/TwoFactor" : null;
    }
}

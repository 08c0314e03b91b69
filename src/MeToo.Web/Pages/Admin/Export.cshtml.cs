using System.Text;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Moderation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Pages.Admin;

/// <summary>The open-data export, as CSV or JSON, through POSTs; each download is audited.</summary>
public sealed class ExportModel(AppDbContext db, OpenDataExport export, StaffAuditLog audit) : PageModel
{
    public int OptedIn { get; private set; }

    public int Threshold => export.Threshold;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        OptedIn = await db.Stories.CountAsync(s => s.Status == Domain.StoryStatus.Published && s.OpenData, cancellationToken);

    public Task<IActionResult> OnPostCsvAsync(CancellationToken cancellationToken) =>
        DownloadAsync("csv", "text/csv; charset=utf-8", OpenDataExport.ToCsv, cancellationToken);

    public Task<IActionResult> OnPostJsonAsync(CancellationToken cancellationToken) =>
        DownloadAsync("json", "application/json; charset=utf-8", OpenDataExport.ToJson, cancellationToken);

    private async Task<IActionResult> DownloadAsync(string format, string contentType, Func<IReadOnlyList<OpenDataExport.Row>, string> write, CancellationToken cancellationToken)
    {
        var rows = await export.RowsAsync(cancellationToken);
        await audit.RecordAsync(Actor.Of(User), StaffActions.OpenDataExported, $"{format}:{rows.Count}", cancellationToken);
        return File(Encoding.UTF8.GetBytes(write(rows)), contentType, $"metoo-open-data.{format}");
    }
}

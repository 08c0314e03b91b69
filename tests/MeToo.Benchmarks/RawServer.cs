using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeToo.Benchmarks;

/// <summary>
/// The raw baseline: a minimal Kestrel app that reads the same rows as the app's first page of
/// stories with Microsoft.Data.Sqlite and writes the same list HTML with <see cref="HtmlEncoder"/>
/// — the layout and the filter form are the app's own bytes (<see cref="PageTemplate"/>), written
/// once; the cards are written by hand from the rows, mirroring the Razor partials — compressed by
/// the same middleware at the same level. It also serves the app's cached page from memory, and does
/// the writes of one silent support in one transaction. Nothing else: the physical limit of this
/// stack on this machine.
/// </summary>
public static class RawServer
{
    public static async Task RunAsync(string database, int port, string templateFile, string memoryFile, string resources)
    {
        var template = PageTemplate.Load(templateFile);
        var memory = await File.ReadAllBytesAsync(memoryFile);
        var labels = XDocument.Load(resources).Root!.Elements("data")
            .ToDictionary(e => (string)e.Attribute("name")!, e => (string)e.Element("value")!, StringComparer.Ordinal);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Pooling = true }.ToString();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting("urls", $"http://127.0.0.1:{port}");
        builder.Services.AddResponseCompression(o =>
        {
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        var app = builder.Build();
        app.UseResponseCompression();

        app.MapGet("/stories", async context =>
        {
            var html = await RenderFirstPageAsync(connectionString, template, labels);
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(html);
        });
        app.MapGet("/memory", context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.ContentEncoding = "br";
            context.Response.ContentLength = memory.Length;
            return context.Response.Body.WriteAsync(memory).AsTask();
        });
        app.MapPost("/support/{publicId}", async (string publicId, HttpContext context) =>
        {
            var count = await SupportAsync(connectionString, publicId);
            return count is null ? Results.NotFound() : Results.Json(new { count, counted = true });
        });
        await app.RunAsync();
    }

    /// <summary>The first page of stories, newest first, as the app writes it.</summary>
    public static async Task<string> RenderFirstPageAsync(string connectionString, PageTemplate template, IReadOnlyDictionary<string, string> labels)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var rows = new List<Row>(21);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT Id, PublicId, Title, Body, DisplayName, PublishedOn, SupportCount FROM Stories
                WHERE Status = 'Published' AND PublicOrder IS NOT NULL ORDER BY PublicOrder DESC LIMIT 21
                """;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(new Row(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), DateOnly.ParseExact(reader.GetString(5), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetInt32(6)));
            }
        }

        var older = rows.Count > 20;
        if (older)
        {
            rows.RemoveAt(20);
        }

        var tags = rows.ToDictionary(r => r.Id, _ => new List<(int Kind, string Key)>());
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT StoryId, Kind, Key FROM StoryTags WHERE StoryId IN ({string.Join(',', rows.Select(r => r.Id))}) ORDER BY StoryId, Kind, Key";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tags[reader.GetInt64(0)].Add((reader.GetInt32(1), reader.GetString(2)));
            }
        }

        var html = new StringBuilder(64 * 1024);
        html.Append(template.BeforeList);
        var encoder = HtmlEncoder.Default;
        foreach (var row in rows)
        {
            Card(html, encoder, row, tags[row.Id], labels);
        }

        html.Append(template.AfterList);
        if (older)
        {
            html.Append(template.BeforeCursor)
                .AppendCursor(rows[^1])
                .Append(template.AfterCursor);
        }
        else
        {
            html.Append(template.WithoutOlder);
        }

        return html.ToString();
    }

    private static StringBuilder AppendCursor(this StringBuilder html, Row row) =>
        html.Append(row.PublishedOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture)).Append('-').Append(row.PublicId);

    private static void Card(StringBuilder html, HtmlEncoder encoder, Row row, List<(int Kind, string Key)> tags, IReadOnlyDictionary<string, string> labels)
    {
        const int Setting = 1, Experience = 2, ContentWarning = 3; // TaxonomyKind
        var title = encoder.Encode(row.Title ?? "A story shared on MeToo");
        var excerpt = Excerpt(row.Body, 600);
        html.Append("<li><article class=\"story\" aria-labelledby=\"story-").Append(row.PublicId).Append("\"><h2 id=\"story-").Append(row.PublicId)
            .Append("\"><a class=\"story-link\" href=\"/stories/").Append(row.PublicId).Append("\">").Append(title).Append("</a></h2><p class=\"story-meta\">")
            .Append(encoder.Encode(row.DisplayName ?? "Anonymous")).Append(" · ")
            .Append(row.PublishedOn.ToString("MMMM yyyy", CultureInfo.InvariantCulture)).Append("</p>");
        var warnings = tags.Where(t => t.Kind == ContentWarning).Select(t => t.Key).ToList();
        if (warnings.Count > 0)
        {
            html.Append("<details class=\"content-warning\" data-warnings=\"").Append(encoder.Encode(string.Join(' ', warnings)))
                .Append("\"><summary>Content warning: ").Append(encoder.Encode(string.Join(", ", warnings.Select(w => Label(labels, "ContentWarning", w)))))
                .Append(" — show the story</summary>");
            Text(html, encoder, excerpt);
            html.Append("</details>");
        }
        else
        {
            Text(html, encoder, excerpt);
        }

        if (excerpt.Length < row.Body.Length)
        {
            html.Append("<p><a href=\"/stories/").Append(row.PublicId).Append("\">Read the whole story<span class=\"visually-hidden\"> — ")
                .Append(title).Append("</span></a></p>");
        }

        var shown = tags.Where(t => t.Kind is Setting).Concat(tags.Where(t => t.Kind is Experience)).ToList();
        if (shown.Count > 0)
        {
            html.Append("<ul class=\"tags\" aria-label=\"Where and what\">");
            foreach (var (kind, key) in shown)
            {
                html.Append("<li>").Append(encoder.Encode(Label(labels, kind == Setting ? "Setting" : "Experience", key))).Append("</li>");
            }

            html.Append("</ul>");
        }

        var count = row.SupportCount == 1 ? "1 person stands with them" : row.SupportCount.ToString("N0", CultureInfo.InvariantCulture) + " people stand with them";
        html.Append("<form class=\"support-form\" method=\"post\" action=\"/stories/").Append(row.PublicId).Append("/support\" data-story=\"").Append(row.PublicId)
            .Append("\" data-supported-label=\"You stand with them\"><button type=\"submit\" class=\"support-button\" aria-describedby=\"support-count-").Append(row.PublicId)
            .Append("\"><span class=\"support-label\">I stand with you</span></button><span class=\"support-count\" id=\"support-count-").Append(row.PublicId)
            .Append("\" data-count=\"").Append(row.SupportCount.ToString(CultureInfo.InvariantCulture))
            .Append("\" aria-live=\"polite\">").Append(count).Append("</span></form></article></li>");
    }

    private static void Text(StringBuilder html, HtmlEncoder encoder, string text)
    {
        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            html.Append("<p>");
            var lines = paragraph.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    html.Append("<br>");
                }

                html.Append(encoder.Encode(lines[i]));
            }

            html.Append("</p>");
        }
    }

    private static string Excerpt(string body, int length)
    {
        if (body.Length <= length)
        {
            return body;
        }

        var cut = body.LastIndexOf(' ', length);
        if (cut <= length / 2)
        {
            cut = char.IsLowSurrogate(body[length]) ? length - 1 : length;
        }

        return string.Concat(body.AsSpan(0, cut).TrimEnd(), "…");
    }

    private static string Label(IReadOnlyDictionary<string, string> labels, string kind, string key) =>
        labels.TryGetValue($"{kind}.{key}", out var label) ? label : key;

    /// <summary>The writes of one silent support: the story's count and the day's tally, in one transaction.</summary>
    private static async Task<int?> SupportAsync(string connectionString, string publicId)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA synchronous = NORMAL;"; // the app's
            await pragma.ExecuteNonQueryAsync();
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE Stories SET SupportCount = SupportCount + 1 WHERE PublicId = $id AND Status = 'Published';
            INSERT INTO DailyTallies (Kind, Day, Key, Count) VALUES ('support', $day, '', 1) ON CONFLICT (Kind, Day, Key) DO UPDATE SET Count = Count + 1;
            SELECT SupportCount FROM Stories WHERE PublicId = $id;
            """;
        command.Parameters.AddWithValue("$id", publicId);
        command.Parameters.AddWithValue("$day", DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var count = await command.ExecuteScalarAsync();
        await transaction.CommitAsync();
        return count is long value ? (int)value : null;
    }

    private sealed record Row(long Id, string PublicId, string? Title, string Body, string? DisplayName, DateOnly PublishedOn, int SupportCount);
}

/// <summary>
/// The app's own first page of stories cut around its list and the cursor of its "older" link, so
/// the raw baseline writes the same layout and filter form byte for byte.
/// </summary>
public sealed record PageTemplate(string BeforeList, string AfterList, string BeforeCursor, string AfterCursor, string WithoutOlder)
{
    private const string Separator = "\u0001\u0001\u0001";

    public static PageTemplate From(string page)
    {
        var list = page.IndexOf("<ul class=\"story-list\">", StringComparison.Ordinal);
        var pager = page.IndexOf("<nav class=\"pager\"", StringComparison.Ordinal);
        var listEnd = page.LastIndexOf("</ul>", pager, StringComparison.Ordinal);
        var cursor = page.IndexOf("after=", pager, StringComparison.Ordinal) + "after=".Length;
        var cursorEnd = page.IndexOf('"', cursor);
        if (list < 0 || pager < 0 || listEnd < list || cursor < pager)
        {
            throw new InvalidOperationException("The app's page of stories has no list and older link to cut around.");
        }

        var beforeList = page[..(list + "<ul class=\"story-list\">".Length)];
        var link = page.LastIndexOf("<a rel=\"next\"", cursor, StringComparison.Ordinal);
        return new PageTemplate(beforeList, page[listEnd..link], page[link..cursor], page[cursorEnd..], page[(page.IndexOf("</a>", cursorEnd, StringComparison.Ordinal) + 4)..]);
    }

    public void Save(string path) => File.WriteAllText(path, string.Join(Separator, BeforeList, AfterList, BeforeCursor, AfterCursor, WithoutOlder));

    public static PageTemplate Load(string path)
    {
        var parts = File.ReadAllText(path).Split(Separator);
        return new PageTemplate(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }
}

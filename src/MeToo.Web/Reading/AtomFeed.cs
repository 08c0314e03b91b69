using System.Globalization;
using System.Text;
using System.Xml;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Reading;

/// <summary>
/// <c>/feed.atom</c>: the latest published stories as an Atom feed — titles and links only, never
/// their text (a withdrawal cannot reach copies in feed readers), dated at midnight UTC of the
/// publication day (privacy rule 2), no author element for anonymous stories, and like every page
/// that is not meant to be found, <c>X-Robots-Tag: noindex, noarchive</c>.
/// </summary>
public static class AtomFeed
{
    public const int Entries = 50;

    private const string Atom = "http://www.w3.org/2005/Atom";

    public static IEndpointConventionBuilder MapFeed(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/feed.atom", WriteAsync);

    private static async Task WriteAsync(HttpContext context, AppDbContext db, IStringLocalizer<SharedResource> localizer)
    {
        var stories = await db.Stories.AsNoTracking()
            .Where(s => s.Status == StoryStatus.Published)
            .OrderByDescending(s => s.PublicOrder)
            .Take(Entries)
            .Select(s => new { s.PublicId, s.Title, s.DisplayName, s.PublishedOn, s.Language })
            .ToListAsync(context.RequestAborted);
        // The feed of a language (/es/feed.atom) links to that language's pages; an entry's id stays the
        // same story's in every language.
        var origin = $"{context.Request.Scheme}://{context.Request.Host}";
        var site = origin + context.Request.PathBase.ToUriComponent();
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true };
        context.Response.ContentType = "application/atom+xml; charset=utf-8";
        await using var writer = XmlWriter.Create(context.Response.Body, settings);
        await writer.WriteStartDocumentAsync();
        await writer.WriteStartElementAsync(null, "feed", Atom);
        await writer.WriteAttributeStringAsync("xml", "lang", null, SiteLanguages.Of(context));
        await writer.WriteElementStringAsync(null, "id", Atom, $"{site}/feed.atom");
        await writer.WriteElementStringAsync(null, "title", Atom, localizer["MeToo — stories"]);
        await writer.WriteElementStringAsync(null, "updated", Atom, Midnight(stories.FirstOrDefault()?.PublishedOn));
        await WriteLinkAsync(writer, "self", $"{site}/feed.atom");
        await WriteLinkAsync(writer, "alternate", $"{site}/stories");
        await writer.WriteStartElementAsync(null, "author", Atom);
        await writer.WriteElementStringAsync(null, "name", Atom, "MeToo");
        await writer.WriteEndElementAsync();
        foreach (var story in stories)
        {
            var url = $"{site}/stories/{story.PublicId}";
            await writer.WriteStartElementAsync(null, "entry", Atom);
            await writer.WriteElementStringAsync(null, "id", Atom, $"{origin}/stories/{story.PublicId}");
            await writer.WriteStartElementAsync(null, "title", Atom);
            if (story.Title is not null && story.Language != SiteLanguages.Of(context))
            {
                await writer.WriteAttributeStringAsync("xml", "lang", null, story.Language); // the author's words, in the author's language
            }

            await writer.WriteStringAsync(story.Title ?? localizer["A story shared on MeToo"]);
            await writer.WriteEndElementAsync();
            await writer.WriteElementStringAsync(null, "updated", Atom, Midnight(story.PublishedOn));
            await writer.WriteElementStringAsync(null, "published", Atom, Midnight(story.PublishedOn));
            await WriteLinkAsync(writer, "alternate", url);
            if (story.DisplayName is { } name)
            {
                await writer.WriteStartElementAsync(null, "author", Atom);
                await writer.WriteElementStringAsync(null, "name", Atom, name);
                await writer.WriteEndElementAsync();
            }

            await writer.WriteEndElementAsync();
        }

        await writer.WriteEndElementAsync();
        await writer.WriteEndDocumentAsync();
    }

    private static async Task WriteLinkAsync(XmlWriter writer, string rel, string href)
    {
        await writer.WriteStartElementAsync(null, "link", Atom);
        await writer.WriteAttributeStringAsync(null, "rel", null, rel);
        await writer.WriteAttributeStringAsync(null, "href", null, href);
        await writer.WriteEndElementAsync();
    }

    /// <summary>Midnight UTC of the day: nothing finer is ever published.</summary>
    private static string Midnight(DateOnly? day) =>
        (day ?? new DateOnly(2000, 1, 1)).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

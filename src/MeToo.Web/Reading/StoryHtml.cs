using System.Text.Encodings.Web;
using MeToo.Web.Domain;
using MeToo.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Reading;

/// <summary>
/// The parts of a story every page shows alike — its text, its tags, the silent-support form —
/// written once here for the list, the story's page and the author's page. They were partial views;
/// a page of twenty stories rendered eighty of them, each activated with its own helpers, which cost
/// more than the rest of the page. Each part writes straight to the page when the page is written;
/// every piece of text goes through the view's <see cref="HtmlEncoder"/>: no markup from authors ever renders.
/// </summary>
public static class StoryHtml
{
    /// <summary>
    /// The story's language code when it is not the page's, for a <c>lang</c> attribute (a screen
    /// reader then reads a Spanish story on an English page in Spanish); null, and so no attribute,
    /// when it is the page's.
    /// </summary>
    public static string? LangIfOther(string? language) =>
        language is { Length: > 0 } && !string.Equals(language, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, StringComparison.Ordinal)
            ? language
            : null;

    /// <summary>
    /// Plain text only: paragraphs split on blank lines, line breaks kept, each line encoded; each
    /// paragraph marked with the story's <paramref name="language"/> when it is not the page's.
    /// </summary>
    public static IHtmlContent Text(string? body, string? language = null) => new Part((writer, encoder) =>
    {
        var lang = LangIfOther(language);
        var open = lang is not null && lang.All(char.IsAsciiLetterLower) ? $"<p lang=\"{lang}\">" : "<p>";
        foreach (var paragraph in StoryText.Paragraphs(body))
        {
            writer.Write(open);
            for (var i = 0; i < paragraph.Count; i++)
            {
                if (i > 0)
                {
                    writer.Write("<br>");
                }

                encoder.Encode(writer, paragraph[i]);
            }

            writer.Write("</p>\n");
        }
    });

    /// <summary>Where it happened and what happened, as a labelled list; nothing when the author chose none.</summary>
    public static IHtmlContent Tags(StoryView story, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(localizer);
        return new Part((writer, encoder) =>
        {
            if (story.Settings.Count + story.Experiences.Count == 0)
            {
                return;
            }

            writer.Write("<ul class=\"tags\" aria-label=\"");
            encoder.Encode(writer, localizer["Where and what"]);
            writer.Write("\">");
            foreach (var key in story.Settings)
            {
                writer.Write("<li>");
                encoder.Encode(writer, localizer.Label(TaxonomyKind.Setting, key));
                writer.Write("</li>");
            }

            foreach (var key in story.Experiences)
            {
                writer.Write("<li>");
                encoder.Encode(writer, localizer.Label(TaxonomyKind.Experience, key));
                writer.Write("</li>");
            }

            writer.Write("</ul>\n");
        });
    }

    /// <summary>
    /// Silent support: a public POST with no token and no cookie (privacy rule 11). Works without
    /// JavaScript; site.js sends it without a reload and announces the new count. Posted under the
    /// page's language (<paramref name="pathBase"/>), so the page it returns to without JavaScript is in it too.
    /// </summary>
    public static IHtmlContent SupportForm(StoryView story, IStringLocalizer localizer, PathString pathBase)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(localizer);
        var id = story.PublicId;
        if (!Privacy.PublicId.IsWellFormed(id))
        {
            throw new ArgumentException("A story's public id is letters and digits only.", nameof(story));
        }

        return new Part((writer, encoder) =>
        {
            writer.Write($"<form class=\"support-form\" method=\"post\" action=\"{pathBase.ToUriComponent()}/stories/{id}/support\" data-story=\"{id}\" data-supported-label=\"");
            encoder.Encode(writer, localizer["You stand with them"]);
            writer.Write($"\">\n<button type=\"submit\" class=\"support-button\" aria-describedby=\"support-count-{id}\"><span class=\"support-label\">");
            encoder.Encode(writer, localizer["I stand with you"]);
            writer.Write($"</span></button>\n<span class=\"support-count\" id=\"support-count-{id}\" data-count=\"{story.SupportCount.ToString(System.Globalization.CultureInfo.InvariantCulture)}\" aria-live=\"polite\">");
            encoder.Encode(writer, localizer.SupportCount(story.SupportCount));
            writer.Write("</span>\n</form>\n");
        });
    }

    private sealed class Part(Action<TextWriter, HtmlEncoder> write) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder) => write(writer, encoder);
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using MeToo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Reading;

/// <summary>
/// Words typed by a reader, turned into a safe FTS5 query: only letters and digits survive, each
/// word is quoted (so <c>"</c>, <c>*</c>, <c>NEAR</c>, <c>-</c> and parentheses are just text),
/// every word must match, and the last may be the start of a word. Every query has a LIMIT.
/// </summary>
public static partial class StorySearch
{
    public const int MaxWords = 8;
    public const int MaxQueryLength = 200;

    /// <summary>Matches considered per query: enough for any reader, bounded for the server.</summary>
    public const int MaxMatches = 2000;

    /// <summary>Marks the start and end of a matched word in a snippet; the cleaner keeps these out of stories.</summary>
    public const char HighlightStart = '\u0002';
    public const char HighlightEnd = '\u0003';

    public sealed record Snippet(string PublicId, string Text);

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Words();

    /// <summary>The FTS5 query for <paramref name="text"/>, or null when it has no word to look for.</summary>
    public static string? ToMatch(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = Words().Matches(text.Length > MaxQueryLength ? text[..MaxQueryLength] : text)
            .Select(m => m.Value)
            .Where(w => !string.IsNullOrEmpty(w))
            .Take(MaxWords)
            .ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var quoted = words.Select(w => "\"" + w + "\"").ToList();
        if (words[^1].Length >= 3)
        {
            quoted[^1] += "*";
        }

        return string.Join(' ', quoted);
    }

    /// <summary>Ids of stories (of any status: callers keep only published ones) matching, newest ids first.</summary>
    public static IQueryable<long> MatchingIds(AppDbContext db, string match)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.SqlQuery<long>($"SELECT rowid AS Value FROM StoriesFts WHERE StoriesFts MATCH {match} ORDER BY rowid DESC LIMIT {MaxMatches}");
    }

    /// <summary>Ids matching, most relevant first (bm25).</summary>
    public static Task<List<long>> RankedIdsAsync(AppDbContext db, string match, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.SqlQuery<long>($"SELECT rowid AS Value FROM StoriesFts WHERE StoriesFts MATCH {match} ORDER BY rank LIMIT {MaxMatches}")
            .ToListAsync(cancellationToken);
    }

    /// <summary>A short passage of each story around the matched words, highlighted with the marker characters.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> SnippetsAsync(AppDbContext db, string match, IReadOnlyCollection<string> publicIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (publicIds.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var ids = JsonSerializer.Serialize(publicIds);
        var start = HighlightStart.ToString();
        var end = HighlightEnd.ToString();
        var snippets = await db.Database.SqlQuery<Snippet>($"""
            SELECT s.PublicId AS PublicId, snippet(StoriesFts, 1, {start}, {end}, '…', 24) AS Text
            FROM StoriesFts JOIN Stories s ON s.Id = StoriesFts.rowid
            WHERE StoriesFts MATCH {match} AND s.PublicId IN (SELECT value FROM json_each({ids}))
            LIMIT {publicIds.Count}
            """).ToListAsync(cancellationToken);
        return snippets.ToDictionary(s => s.PublicId, s => s.Text, StringComparer.Ordinal);
    }

    /// <summary>A snippet cut into plain and highlighted pieces, for the view to encode one by one.</summary>
    public static IReadOnlyList<(string Text, bool Highlighted)> Pieces(string snippet)
    {
        ArgumentNullException.ThrowIfNull(snippet);
        var pieces = new List<(string, bool)>();
        var highlighted = false;
        var current = new System.Text.StringBuilder();
        foreach (var c in snippet)
        {
            if (c is HighlightStart or HighlightEnd)
            {
                if (current.Length > 0)
                {
                    pieces.Add((current.ToString(), highlighted));
                    current.Clear();
                }

                highlighted = c == HighlightStart;
                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            pieces.Add((current.ToString(), highlighted));
        }

        return pieces;
    }
}

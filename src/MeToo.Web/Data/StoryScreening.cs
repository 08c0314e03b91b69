using System.Text.Json;
using System.Text.RegularExpressions;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MeToo.Web.Data;

/// <summary>
/// Screening against the database, shared by sharing (on submit and edit) and moderation (on
/// redaction, on the review page, for report notes): the pure <see cref="Screening"/> markers of
/// findings already made, plus banned and suspect words from the admins' lists and duplicate text.
/// A story is screened with the lists of every language and those of its own language; a text
/// whose language is unknown (a report's note) with all of them. Lists are cached for a minute and
/// dropped at once when an admin edits them on this instance.
/// </summary>
public sealed class StoryScreening(AppDbContext db, IMemoryCache cache)
{
    private const string CacheKey = "screening-words";

    public sealed record WordMatch(WordList List, string Word, int Index, int Length);

    /// <summary>
    /// The markers of every version that can become public, each kind counted in the version
    /// where it occurs most: what moderators see in the queue and on the review page.
    /// </summary>
    public async Task<IReadOnlyList<ScreeningMarker>> MarkersAsync(IReadOnlyList<ScreenedVersion> versions, long? storyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var counts = new Dictionary<MarkerKind, int>();
        void Count(MarkerKind kind, int count) => counts[kind] = Math.Max(counts.GetValueOrDefault(kind), count);
        foreach (var version in versions)
        {
            foreach (var marker in Screening.Markers(version.Content, version.Findings))
            {
                Count(marker.Kind, marker.Count);
            }

            var matches = await WordsInAsync(version.Content, cancellationToken);
            foreach (var group in matches.GroupBy(m => m.List))
            {
                Count(MarkerKinds.For(group.Key), group.Count());
            }

            var hash = Story.HashOfText(version.Content.Body);
            if (await db.Stories.AnyAsync(s => s.TextHash == hash && s.Id != (storyId ?? 0), cancellationToken))
            {
                Count(MarkerKind.DuplicateText, 1);
            }
        }

        return [.. counts.Select(c => new ScreeningMarker(c.Key, c.Value))];
    }

    /// <summary>Where the listed words occur in a version's title, text and display name.</summary>
    public Task<IReadOnlyList<WordMatch>> WordsInAsync(StoryContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return MatchAsync(TextOf(content), content.Language, cancellationToken);
    }

    /// <summary>Where the listed words of every language occur in <paramref name="text"/> (whole words or phrases, any case).</summary>
    public Task<IReadOnlyList<WordMatch>> WordsInAsync(string? text, CancellationToken cancellationToken = default) =>
        MatchAsync(text, null, cancellationToken);

    private async Task<IReadOnlyList<WordMatch>> MatchAsync(string? text, string? language, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var lists = (await ListsAsync(cancellationToken)).For(language);
        var found = new List<WordMatch>();
        foreach (var (list, pattern) in lists)
        {
            if (pattern is null)
            {
                continue;
            }

            try
            {
                found.AddRange(pattern.Matches(text).Select(m => new WordMatch(list, m.Value, m.Index, m.Length)));
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological text is left for the moderator to read; it is never a 500.
            }
        }

        return found;
    }

    public void Forget() => cache.Remove(CacheKey);

    private static string TextOf(StoryContent content) => string.Join('\n', content.Title, content.Body, content.DisplayName);

    private async Task<Lists> ListsAsync(CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return new Lists(await db.ScreeningWords.AsNoTracking().ToListAsync(cancellationToken));
        }))!;

    /// <summary>The words, and one pattern per list for each story language (built when first needed).</summary>
    private sealed class Lists(IReadOnlyList<ScreeningWord> words)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<(WordList List, Regex? Pattern)>> _patterns = new(StringComparer.Ordinal);

        /// <summary>For a story in <paramref name="language"/>: every language's lists and its own; for null, all of them.</summary>
        public IReadOnlyList<(WordList List, Regex? Pattern)> For(string? language) =>
            _patterns.GetOrAdd(language ?? "*", key =>
            [
                .. Enum.GetValues<WordList>().Select(list => (list, PatternFor(words
                    .Where(w => w.List == list && (key == "*" || w.Language == ScreeningWord.EveryLanguage || w.Language == key))
                    .Select(w => w.Text)
                    .Distinct(StringComparer.Ordinal)))),
            ]);
    }

    private static Regex? PatternFor(IEnumerable<string> words)
    {
        var alternatives = words.Where(w => !string.IsNullOrWhiteSpace(w))
            .OrderByDescending(w => w.Length)
            .Select(w => Regex.Escape(w.Trim()).Replace(@"\ ", @"\s+", StringComparison.Ordinal))
            .ToList();
        return alternatives.Count == 0
            ? null
            : new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{string.Join('|', alternatives)})(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(250));
    }

    /// <summary>The seed lists in <c>seeds/screening-words.json</c>.</summary>
    public static IEnumerable<ScreeningWord> Seed(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var sections = new List<(string Language, JsonElement Lists)> { (ScreeningWord.EveryLanguage, document.RootElement) };
        if (document.RootElement.TryGetProperty("languages", out var languages))
        {
            sections.AddRange(languages.EnumerateObject().Select(p => (p.Name.Trim().ToLowerInvariant(), p.Value)));
        }

        foreach (var (language, lists) in sections)
        {
            foreach (var (name, list) in new[] { ("banned", WordList.Banned), ("suspect", WordList.Suspect) })
            {
                if (!lists.TryGetProperty(name, out var words))
                {
                    continue;
                }

                foreach (var word in words.EnumerateArray())
                {
                    yield return new ScreeningWord(list, word.GetString()!.Trim().ToLowerInvariant(), language);
                }
            }
        }
    }
}

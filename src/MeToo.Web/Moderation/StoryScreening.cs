using System.Text.Json;
using System.Text.RegularExpressions;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MeToo.Web.Moderation;

/// <summary>
/// Screening against the database: the pure <see cref="Screening"/> markers, plus banned and
/// suspect words from the admins' lists and duplicate text. Lists are cached for a minute and
/// dropped at once when an admin edits them on this instance.
/// </summary>
public sealed class StoryScreening(AppDbContext db, IMemoryCache cache)
{
    private const string CacheKey = "screening-words";

    public sealed record WordMatch(WordList List, string Word, int Index, int Length);

    public async Task<IReadOnlyList<ScreeningMarker>> MarkersAsync(StoryContent content, long? storyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var markers = Screening.Markers(content).ToList();
        var text = string.Join('\n', content.Title, content.Body, content.DisplayName);
        var matches = await WordsInAsync(text, cancellationToken);
        foreach (var group in matches.GroupBy(m => m.List))
        {
            markers.Add(new ScreeningMarker(group.Key == WordList.Banned ? MarkerKind.BannedWord : MarkerKind.SuspectWord, group.Count()));
        }

        var hash = Story.HashOfText(content.Body);
        if (await db.Stories.AnyAsync(s => s.TextHash == hash && s.Id != (storyId ?? 0), cancellationToken))
        {
            markers.Add(new ScreeningMarker(MarkerKind.DuplicateText, 1));
        }

        return markers;
    }

    /// <summary>Where the listed words occur in <paramref name="text"/> (whole words or phrases, any case).</summary>
    public async Task<IReadOnlyList<WordMatch>> WordsInAsync(string? text, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var lists = await ListsAsync(cancellationToken);
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

    private async Task<IReadOnlyList<(WordList List, Regex? Pattern)>> ListsAsync(CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            var words = await db.ScreeningWords.AsNoTracking().ToListAsync(cancellationToken);
            return (IReadOnlyList<(WordList, Regex?)>)[.. Enum.GetValues<WordList>().Select(list => (list, PatternFor(words.Where(w => w.List == list).Select(w => w.Text))))];
        }))!;

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
        foreach (var (name, list) in new[] { ("banned", WordList.Banned), ("suspect", WordList.Suspect) })
        {
            foreach (var word in document.RootElement.GetProperty(name).EnumerateArray())
            {
                yield return new ScreeningWord(list, word.GetString()!.Trim().ToLowerInvariant());
            }
        }
    }
}

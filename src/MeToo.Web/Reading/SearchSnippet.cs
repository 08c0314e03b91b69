using System.Globalization;
using System.Text;

namespace MeToo.Web.Reading;

/// <summary>
/// A passage of a story around the reader's words, as FTS5's <c>snippet()</c> makes it on SQLite's
/// newest-first pages (where the index's walk makes it for free), for every page of PostgreSQL (whose
/// <c>ts_headline</c> drops whatever looks like markup, so a story that quotes <c>&lt;b&gt;</c> would
/// be shown altered) and for "most relevant" on both (made from the texts the page has read, not by a
/// second walk of the index): about <see cref="Words"/> words from a little before the
/// first match, each matched word between <see cref="StorySearch.HighlightStart"/> and
/// <see cref="StorySearch.HighlightEnd"/>, "…" where the text goes on. Words are runs of letters and
/// digits, compared folded (case and accents), as the index compares them. The text is never
/// changed: the view encodes it piece by piece.
/// </summary>
public static class SearchSnippet
{
    public const int Words = 24;

    /// <summary>Words shown before the first match, when the text has them.</summary>
    private const int Before = 4;

    /// <summary>The words of a match made by <see cref="StorySearch.ToMatch"/> (letters and digits, each quoted).</summary>
    public static string[] WordsOf(string match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return [.. match.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('"'))];
    }

    /// <summary>Each story's passage around the words, by public id.</summary>
    public static Dictionary<string, string> Of(IEnumerable<StoryView> stories, IReadOnlyCollection<string> words)
    {
        ArgumentNullException.ThrowIfNull(stories);
        return stories.ToDictionary(s => s.PublicId, s => Make(s.Body, words), StringComparer.Ordinal);
    }

    public static string Make(string body, IReadOnlyCollection<string> words)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(words);
        var wanted = words.Select(Fold).ToHashSet(StringComparer.Ordinal);
        var tokens = Tokens(body);
        if (tokens.Count == 0)
        {
            return string.Empty;
        }

        var first = tokens.FindIndex(t => wanted.Contains(Fold(body.AsSpan(t.Start, t.Length).ToString())));
        var from = Math.Max(0, (first < 0 ? 0 : first) - Before);
        var to = Math.Min(tokens.Count, from + Words);
        from = Math.Max(0, to - Words);

        var text = new StringBuilder();
        var start = from == 0 ? 0 : tokens[from].Start;
        if (from > 0)
        {
            text.Append('…');
        }

        var position = start;
        for (var i = from; i < to; i++)
        {
            var (tokenStart, length) = tokens[i];
            text.Append(body, position, tokenStart - position);
            var token = body.AsSpan(tokenStart, length).ToString();
            if (wanted.Contains(Fold(token)))
            {
                text.Append(StorySearch.HighlightStart).Append(token).Append(StorySearch.HighlightEnd);
            }
            else
            {
                text.Append(token);
            }

            position = tokenStart + length;
        }

        if (to < tokens.Count)
        {
            text.Append('…');
        }
        else
        {
            text.Append(body, position, body.Length - position);
        }

        return text.ToString();
    }

    /// <summary>The runs of letters and digits (combining marks kept with their letter).</summary>
    private static List<(int Start, int Length)> Tokens(string text)
    {
        var tokens = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && IsWordPart(text, i);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                tokens.Add((start, i - start));
                start = -1;
            }
        }

        return tokens;
    }

    private static bool IsWordPart(string text, int i) =>
        char.IsLetterOrDigit(text[i]) || CharUnicodeInfo.GetUnicodeCategory(text[i]) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>Lower case without accents: "Café" and "CAFE" are one word.</summary>
    public static string Fold(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }
}

using System.Text;

namespace MeToo.Web.Data;

/// <summary>
/// Text for load-test stories with the word distribution of real prose, so that search meets rare
/// words, common words and words in nearly every story: a vocabulary of the most frequent English
/// words followed by a long tail of made-up words, drawn by Zipf's law (the r-th word about 1/r as
/// often as the first). Deterministic for a seed. Every body ends by saying it is fictional.
/// </summary>
public sealed class SyntheticText
{
    public const string DemoNotice = "(This is a fictional demo story.)";

    /// <summary>The most frequent words first; their ranks make "the" appear in nearly every story.</summary>
    private static readonly string[] Common =
    [
        "the", "i", "and", "to", "a", "was", "of", "me", "it", "in", "that", "my", "he", "they", "at", "for", "not", "with", "on",
        "but", "had", "said", "when", "so", "be", "she", "is", "you", "what", "his", "would", "her", "were", "all", "this", "from",
        "did", "there", "one", "about", "no", "out", "them", "could", "after", "up", "if", "we", "just", "then", "like", "told",
        "time", "him", "do", "know", "never", "who", "felt", "years", "work", "because", "an", "by", "or", "how", "again", "home",
        "over", "still", "day", "back", "people", "night", "nobody", "afraid", "school", "boss", "friend", "office", "room", "later",
        "before", "every", "thought", "wanted", "stopped", "always", "something", "someone", "anyone", "believed", "asked", "made",
        "left", "called", "message", "phone", "manager", "teacher", "colleague", "party", "street", "bus", "train", "station",
        "hand", "body", "shoulder", "voice", "laughed", "joke", "comments", "touched", "followed", "pressed", "froze", "silent",
        "shame", "fear", "fault", "wrong", "safe", "alone", "together", "courage", "healing", "stronger", "family", "mother",
        "father", "sister", "brother", "partner", "stranger", "crowded", "late", "early", "morning", "evening", "weekend", "summer",
        "winter", "contract", "meeting", "shift", "kitchen", "hotel", "car", "lift", "stairs", "corridor", "campus", "class",
        "exam", "coach", "team", "church", "club", "bar", "drink", "dance", "music", "screen", "photo", "account", "online",
        "report", "police", "hr", "complaint", "nothing", "happened", "months", "weeks", "first", "last", "long", "small",
        "big", "new", "old", "young", "older", "quiet", "loud", "door", "window", "desk", "chair", "uniform", "dress", "jacket",
    ];

    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ren", "sa", "tu", "vel", "dor", "an", "is", "ber", "cal", "fen", "gra", "hol", "jun", "kes", "lum",
        "mar", "nor", "ost", "pel", "quin", "ros", "sul", "tam", "ul", "vin", "wes", "yor", "zan", "bri", "cor", "del", "eth",
    ];

    private readonly string[] _words;
    private readonly double[] _cumulative;
    private readonly Random _random;

    /// <param name="seed">The same seed gives the same texts.</param>
    /// <param name="tail">How many made-up words follow the common ones (the rare end of the distribution).</param>
    public SyntheticText(int seed, int tail = 60_000)
    {
        _random = new Random(seed);
        var words = new List<string>(Common.Length + tail);
        words.AddRange(Common);
        var seen = new HashSet<string>(words, StringComparer.Ordinal);
        var maker = new Random(7);
        while (words.Count < Common.Length + tail)
        {
            var word = string.Concat(Enumerable.Range(0, maker.Next(2, 5)).Select(_ => Syllables[maker.Next(Syllables.Length)]));
            if (seen.Add(word))
            {
                words.Add(word);
            }
        }

        _words = [.. words];
        _cumulative = new double[_words.Length];
        var total = 0d;
        for (var rank = 0; rank < _words.Length; rank++)
        {
            total += 1d / Math.Pow(rank + 1, 1.05);
            _cumulative[rank] = total;
        }

        for (var rank = 0; rank < _cumulative.Length; rank++)
        {
            _cumulative[rank] /= total;
        }
    }

    public Random Random => _random;

    /// <summary>The word of this rank (0 is the most frequent).</summary>
    public string WordAt(int rank) => _words[rank];

    public int VocabularySize => _words.Length;

    /// <summary>A body of about <paramref name="length"/> characters in paragraphs, ending with <see cref="DemoNotice"/>.</summary>
    public string Body(int length)
    {
        var budget = length - DemoNotice.Length - 1;
        var text = new StringBuilder(length + 64);
        var sentence = new StringBuilder(256);
        var sentencesInParagraph = 0;
        while (true)
        {
            sentence.Clear();
            var words = _random.Next(6, 19);
            for (var i = 0; i < words; i++)
            {
                var word = NextWord();
                if (i == 0)
                {
                    sentence.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
                }
                else
                {
                    sentence.Append(' ').Append(word == "i" ? "I" : word);
                }
            }

            sentence.Append(_random.Next(12) == 0 ? ", and nobody said anything." : ".");
            if (text.Length + sentence.Length > budget && text.Length > 0)
            {
                break; // whole sentences only, and never longer than asked
            }

            text.Append(sentence);
            if (++sentencesInParagraph >= _random.Next(2, 6))
            {
                text.Append("\n\n");
                sentencesInParagraph = 0;
            }
            else
            {
                text.Append(' ');
            }
        }

        return text.ToString().TrimEnd() + " " + DemoNotice;
    }

    /// <summary>A short title of common words, or none.</summary>
    public string? Title()
    {
        if (_random.Next(10) < 4)
        {
            return null;
        }

        var words = Enumerable.Range(0, _random.Next(2, 6)).Select(_ => NextWord()).ToList();
        return char.ToUpperInvariant(words[0][0]) + string.Join(' ', words)[1..];
    }

    private string NextWord()
    {
        var index = Array.BinarySearch(_cumulative, _random.NextDouble());
        return _words[Math.Min(index < 0 ? ~index : index, _words.Length - 1)];
    }
}

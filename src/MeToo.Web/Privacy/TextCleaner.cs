using System.Globalization;
using System.Text;

namespace MeToo.Web.Privacy;

/// <summary>
/// Cleans every free-text field before validation and storage (privacy rule 4). Invisible
/// characters can carry a watermark that fingerprints a writer, and bidirectional controls can make
/// text read differently from what is stored, so they go; what a reader can see stays. Any input is
/// accepted — lone surrogates, NUL, noncharacters — and the output is always NFC, normalised last.
/// </summary>
public static class TextCleaner
{
    private const int ZeroWidthJoiner = 0x200D;
    private const int ZeroWidthNonJoiner = 0x200C;
    private const int NoBreakSpace = 0x00A0;
    private const int NarrowNoBreakSpace = 0x202F;
    private const int VariationSelector15 = 0xFE0E;
    private const int VariationSelector16 = 0xFE0F;
    private const int CancelTag = 0xE007F;
    private const int WavingBlackFlag = 0x1F3F4;

    /// <summary>Cleans multi-line text: a story body, a note, a message.</summary>
    public static string CleanText(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        var visible = RemoveInvisible(input);
        var lines = visible.Split('\n').Select(CollapseSpaces);
        var builder = new StringBuilder(visible.Length);
        var blankRun = 0;
        foreach (var line in lines)
        {
            if (line.Trim().Length == 0)
            {
                blankRun++;
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(blankRun > 0 ? "\n\n" : "\n");
            }

            blankRun = 0;
            builder.Append(line);
        }

        return Normalized(builder.ToString().Trim());
    }

    /// <summary>Cleans one-line text: a title, a display name. Line breaks and tabs become spaces.</summary>
    public static string CleanLine(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        return Normalized(CollapseSpaces(RemoveInvisible(input).Replace('\n', ' ')));
    }

    /// <summary>
    /// One line with each run of spaces and tabs as one space and none at its ends: doubled spaces,
    /// tabs and indentation are a watermark a reader does not notice.
    /// </summary>
    private static string CollapseSpaces(string line)
    {
        var builder = new StringBuilder(line.Length);
        var pendingSpace = false;
        foreach (var c in line)
        {
            if (c is ' ' or '\t')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// NFC, last: after every invisible character is gone, so nothing removed afterwards can leave
    /// the text un-normalised. The input holds only valid scalar values by then, so it cannot throw.
    /// </summary>
    private static string Normalized(string text) =>
        text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);

    /// <summary>
    /// Drops Unicode's default-ignorable characters and the blanks of <see cref="InvisibleCharacters"/>,
    /// and format, control, private-use and noncharacters, keeping only what belongs to a sequence a
    /// reader sees (the zero-width joiner between emoji, ZWJ and ZWNJ inside Arabic-script and Indic
    /// words, a variation selector after its emoji or Mongolian letter, tags in a valid
    /// subdivision flag); turns every kind of space into a plain space (French no-break spaces where
    /// French typography puts them excepted) and every line ending into <c>\n</c>.
    /// </summary>
    private static string RemoveInvisible(string input)
    {
        var text = RemoveLoneSurrogates(input);
        var runes = new List<Rune>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (!IsNoncharacter(rune.Value))
            {
                runes.Add(rune);
            }
        }

        var flagTags = ValidFlagTags(runes);

        var output = new StringBuilder(text.Length);
        Rune? previousKept = null;
        for (var i = 0; i < runes.Count; i++)
        {
            if (runes[i].Value == '\r' && i + 1 < runes.Count && runes[i + 1].Value == '\n')
            {
                continue;
            }

            Rune? replacement = flagTags.Contains(i) ? runes[i] : Classify(runes, i, previousKept);
            if (replacement is null)
            {
                continue;
            }

            output.Append(replacement.Value.ToString());
            previousKept = replacement;
        }

        return output.ToString();
    }

    private static Rune? Classify(List<Rune> runes, int index, Rune? previousKept)
    {
        var rune = runes[index];
        var value = rune.Value;
        Rune? next = index + 1 < runes.Count ? runes[index + 1] : null;
        if (value is '\n' or '\t' or '\r')
        {
            return new Rune(value == '\t' ? '\t' : '\n');
        }

        if (value is 0x2028 or 0x2029 or 0x85)
        {
            return new Rune('\n');
        }

        // The invisible characters that belong to a sequence a reader does see stay in it.
        if (value == ZeroWidthJoiner && IsEmojiContext(previousKept) && next is { } emoji && IsEmoji(emoji))
        {
            return rune;
        }

        if (value is ZeroWidthJoiner or ZeroWidthNonJoiner && previousKept is { } before && next is { } after && IsJoiningScriptPair(before, after))
        {
            return rune; // Persian, Arabic and Indic words are spelt with them
        }

        if (value is VariationSelector15 or VariationSelector16 && previousKept is { } emojiBase && IsEmojiBase(emojiBase))
        {
            return rune;
        }

        if (value is >= 0x180B and <= 0x180D or 0x180F && previousKept is { } letter && letter.Value is >= 0x1820 and <= 0x18AA)
        {
            return rune; // Mongolian free variation selectors choose a letter's written form
        }

        // Everything else Unicode calls ignorable, and the blanks listed by hand, carries nothing a reader sees.
        if (InvisibleCharacters.IsInvisible(value))
        {
            return null;
        }

        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.SpaceSeparator:
                // Every kind of space is a plain one — the choice among them is a watermark — except the
                // no-break spaces French typography puts before ; : ! ? » and after «, and between groups of digits.
                return value is NoBreakSpace or NarrowNoBreakSpace && IsFrenchNoBreakPlace(previousKept, next) ? rune : new Rune(' ');
            case UnicodeCategory.Control:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.Surrogate:
            case UnicodeCategory.Format:
                // Format characters not ignorable (number signs that prefix digits, Egyptian format controls,
                // interlinear annotations) and tags outside a valid flag (ValidFlagTags) still go: nothing a story needs.
                return null;
            default:
                return rune;
        }
    }

    private static bool IsFrenchNoBreakPlace(Rune? previous, Rune? next) =>
        (next is { } n && n.Value is ';' or ':' or '!' or '?' or '»' or '›' or '%' or '€')
        || (previous is { } p && p.Value is '«' or '‹')
        || (previous is { } digitBefore && Rune.IsDigit(digitBefore) && next is { } digitAfter && Rune.IsDigit(digitAfter));

    /// <summary>Both neighbours are letters or marks of a script whose spelling uses ZWJ or ZWNJ.</summary>
    private static bool IsJoiningScriptPair(Rune before, Rune after) => IsJoiningScript(before.Value) && IsJoiningScript(after.Value);

    private static bool IsJoiningScript(int value) =>
        value is >= 0x0600 and <= 0x08FF // Arabic, Syriac, Thaana, N'Ko, Arabic supplements (Persian, Urdu, Pashto...)
            or >= 0x0900 and <= 0x0DFF // the Indic scripts: Devanagari to Sinhala
            or >= 0x1000 and <= 0x109F // Myanmar
            or >= 0xFB50 and <= 0xFDFF // Arabic presentation forms A
            or >= 0xFE70 and <= 0xFEFE; // Arabic presentation forms B

    /// <summary>
    /// The positions of tag characters that belong to a subdivision flag: 🏴, two tag letters (the
    /// country), one to four tag letters or digits (the subdivision), and the cancel tag — as in the
    /// flags of England (gbeng), Scotland and Wales. Any other run of tags is an invisible message.
    /// </summary>
    private static HashSet<int> ValidFlagTags(List<Rune> runes)
    {
        var valid = new HashSet<int>();
        for (var i = 0; i < runes.Count; i++)
        {
            if (runes[i].Value != WavingBlackFlag)
            {
                continue;
            }

            var end = i + 1;
            while (end < runes.Count && runes[end].Value is >= 0xE0020 and < CancelTag)
            {
                end++;
            }

            var spec = end - (i + 1);
            if (end < runes.Count && runes[end].Value == CancelTag && spec is >= 3 and <= 6
                && IsTagLetter(runes[i + 1].Value) && IsTagLetter(runes[i + 2].Value)
                && Enumerable.Range(i + 3, spec - 2).All(k => IsTagLetter(runes[k].Value) || IsTagDigit(runes[k].Value)))
            {
                for (var k = i + 1; k <= end; k++)
                {
                    valid.Add(k);
                }
            }
        }

        return valid;
    }

    private static bool IsTagLetter(int value) => value is >= 0xE0061 and <= 0xE007A;

    private static bool IsTagDigit(int value) => value is >= 0xE0030 and <= 0xE0039;

    /// <summary>The 66 noncharacters: never text, and <c>String.Normalize</c> refuses them.</summary>
    private static bool IsNoncharacter(int value) => value is >= 0xFDD0 and <= 0xFDEF || (value & 0xFFFE) == 0xFFFE;

    private static bool IsEmojiContext(Rune? previous) =>
        previous is { } p && (IsEmoji(p) || p.Value == VariationSelector16);

    private static bool IsEmoji(Rune rune)
    {
        var v = rune.Value;
        return v is >= 0x1F000 and <= 0x1FAFF
            or >= 0x2600 and <= 0x27BF
            or >= 0x2B00 and <= 0x2BFF
            or 0x2640 or 0x2642 or 0x2695 or 0x2696 or 0x2708 or 0x2764
            || Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol;
    }

    private static bool IsEmojiBase(Rune rune) =>
        IsEmoji(rune) || rune.Value is >= '0' and <= '9' or '#' or '*' || Rune.GetUnicodeCategory(rune) == UnicodeCategory.MathSymbol;

    private static string RemoveLoneSurrogates(string input)
    {
        var clean = true;
        for (var i = 0; i < input.Length; i++)
        {
            if (char.IsHighSurrogate(input[i]) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(input[i]))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return input;
        }

        var builder = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (char.IsHighSurrogate(input[i]) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
            {
                builder.Append(input[i]).Append(input[i + 1]);
                i++;
            }
            else if (!char.IsSurrogate(input[i]))
            {
                builder.Append(input[i]);
            }
        }

        return builder.ToString();
    }
}

using MeToo.Web.Privacy;

namespace MeToo.Tests.Privacy;

public sealed class TextCleanerTests
{
    [Theory]
    [InlineData("hello\u200Bworld", "helloworld")]           // zero-width space
    [InlineData("hello\u200Cworld", "helloworld")]           // zero-width non-joiner
    [InlineData("hello\u2060world", "helloworld")]           // word joiner
    [InlineData("\uFEFFhello", "hello")]                      // byte order mark
    [InlineData("soft\u00ADhyphen", "softhyphen")]           // soft hyphen
    [InlineData("a\u202Eevil\u202Cb", "aevilb")]             // right-to-left override and pop
    [InlineData("a\u2066b\u2069c", "abc")]                    // isolates
    [InlineData("a\u200Eb\u200Fc", "abc")]                    // LRM, RLM
    [InlineData("bell\u0007 and null\u0000", "bell and null")] // C0 controls
    [InlineData("c1\u0085x", "c1\nx")]                        // NEL is a line break
    [InlineData("private\uE000use", "privateuse")]            // private use area
    [InlineData("tag\U000E0041smuggled", "tagsmuggled")]       // invisible tag characters
    [InlineData("vs\uFE01x", "vsx")]                          // stray variation selector
    public void CleanText_RemovesInvisibleAndControlCharacters(string input, string expected)
    {
        Assert.Equal(expected, TextCleaner.CleanText(input));
    }

    [Fact]
    public void CleanText_NormalizesToNfc()
    {
        var decomposed = "cafe\u0301";

        Assert.Equal("caf\u00E9", TextCleaner.CleanText(decomposed));
    }

    [Theory]
    [InlineData("\U0001F469\u200D\U0001F469\u200D\U0001F467")]    // family: woman, woman, girl
    [InlineData("\U0001F3F3\uFE0F\u200D\U0001F308")]              // rainbow flag
    [InlineData("\U0001F469\U0001F3FD\u200D\U0001F4BB")]          // woman technologist, skin tone
    [InlineData("\u2764\uFE0F")]                                  // red heart with presentation selector
    [InlineData("\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F")] // flag of Scotland
    public void CleanText_KeepsEmojiSequences(string emoji)
    {
        Assert.Equal("me too " + emoji, TextCleaner.CleanText("me too " + emoji));
    }

    /// <summary>The audit's watermark: a long run of tag characters hidden after a flag (39 carried a message).</summary>
    [Fact]
    public void CleanText_DropsAMessageHiddenInTagCharactersAfterAFlag()
    {
        var hidden = string.Concat("meet me at nine".Select(c => char.ConvertFromUtf32(0xE0000 + c)));
        var flag = "\U0001F3F4";

        Assert.Equal("proud " + flag + " of this", TextCleaner.CleanText("proud " + flag + hidden + "\U000E007F of this"));
        Assert.Equal("proud " + flag + " of this", TextCleaner.CleanText("proud " + flag + hidden + " of this"));
    }

    [Theory]
    [InlineData("\U0001F3F4\U000E0067\U000E0062")]                         // no cancel tag
    [InlineData("\U0001F3F4\U000E0047\U000E0042\U000E0045\U000E004E\U000E0047\U000E007F")] // upper-case tags are not a flag
    [InlineData("\U0001F3F4\U000E0067\U000E007F")]                         // too short
    public void CleanText_DropsTagsThatAreNotAValidFlagSequence(string sequence)
    {
        Assert.Equal("a \U0001F3F4 b", TextCleaner.CleanText("a " + sequence + " b"));
    }

    [Theory]
    [InlineData("\uFFFE")]
    [InlineData("\uFFFF")]
    [InlineData("\uFDD0")]
    [InlineData("\U0001FFFE")]
    [InlineData("\U0010FFFF")]
    [InlineData("\u0000")]
    public void CleanText_DropsNoncharactersAndNul_InsteadOfFailing(string bad)
    {
        Assert.Equal("café", TextCleaner.CleanText("cafe" + bad + "\u0301"));
        Assert.Equal("café", TextCleaner.CleanLine("cafe" + bad + "\u0301"));
    }

    [Fact]
    public void CleanText_IsNfcEvenWhenARemovedCharacterSatBetweenALetterAndItsAccent()
    {
        var output = TextCleaner.CleanText("cafe\u200B\u0301 and e\u202E\u0301");

        Assert.True(output.IsNormalized(System.Text.NormalizationForm.FormC));
        Assert.Equal("caf\u00E9 and \u00E9", output);
    }

    [Fact]
    public void CleanText_DropsAJoinerBetweenLetters()
    {
        Assert.Equal("ab", TextCleaner.CleanText("a\u200Db"));
    }

    [Fact]
    public void CleanText_NormalizesLineEndings_CollapsesBlankLines_AndTrims()
    {
        var input = "  first line\r\nsecond line   \r\r\n\n\n\nthird\rfourth\n\n\n  ";

        Assert.Equal("first line\nsecond line\n\nthird\nfourth", TextCleaner.CleanText(input));
    }

    [Theory]
    [InlineData("a\tb", "a b")]
    [InlineData("a  b", "a b")]
    [InlineData("a \t  \t b\n\t\tindented", "a b\nindented")]
    [InlineData("one\u2002\u2003two", "one two")]
    public void CleanText_CollapsesRunsOfSpacesAndTabsInsideALine_AWatermarkAReaderDoesNotSee(string input, string expected)
    {
        Assert.Equal(expected, TextCleaner.CleanText(input));
        Assert.Equal(expected.Replace('\n', ' '), TextCleaner.CleanLine(input));
    }

    /// <summary>
    /// Every code point of Unicode's <c>Default_Ignorable_Code_Point</c>, as the pinned database lists
    /// it (read here with a parser of the test's own), is removed between two letters — in a story's
    /// text and in a one-line field such as a title or a display name.
    /// </summary>
    [Fact]
    public void EveryDefaultIgnorableCodePoint_IsRemoved_FromTextAndLines()
    {
        var codePoints = DefaultIgnorableFromTheDatabase().ToList();
        var survivors = new List<string>();
        foreach (var codePoint in codePoints)
        {
            var character = char.ConvertFromUtf32(codePoint);
            if (TextCleaner.CleanText("a" + character + "b") != "ab" || TextCleaner.CleanLine("x" + character + "y") != "xy")
            {
                survivors.Add($"U+{codePoint:X4}");
            }
        }

        Assert.True(codePoints.Count > 4000, $"the database listed only {codePoints.Count} code points");
        Assert.Contains(0x034F, codePoints); // the audit's combining grapheme joiner is in the property
        Assert.True(survivors.Count == 0, "survived cleaning: " + string.Join(", ", survivors));
    }

    [Theory]
    [InlineData(0x034F)] // combining grapheme joiner
    [InlineData(0x17B4)] // Khmer inherent vowels
    [InlineData(0x17B5)]
    [InlineData(0x2800)] // Braille blank
    [InlineData(0x115F)] // the Hangul fillers
    [InlineData(0x1160)]
    [InlineData(0x3164)]
    [InlineData(0xFFA0)]
    [InlineData(0x1D159)] // musical null notehead
    [InlineData(0xFE0F)] // a variation selector after a letter, not an emoji
    [InlineData(0xE0100)] // a supplementary variation selector
    public void TheAuditsInvisibleCharacters_AreRemoved_FromATitleAndAText(int codePoint)
    {
        var character = char.ConvertFromUtf32(codePoint);

        Assert.Equal("my title", TextCleaner.CleanLine("my" + character + " title" + character));
        Assert.Equal("my story", TextCleaner.CleanText(character + "my story" + character + character));
    }

    [Fact]
    public void EverySpaceSeparator_BecomesAPlainSpace_ExceptFrenchNoBreakSpacesWhereFrenchTypographyPutsThem()
    {
        var spaces = Enumerable.Range(0, 0x110000)
            .Where(v => v is < 0xD800 or > 0xDFFF)
            .Where(v => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(v) == System.Globalization.UnicodeCategory.SpaceSeparator)
            .ToList();

        Assert.True(spaces.Count >= 17);
        Assert.All(spaces, v => Assert.Equal("a b", TextCleaner.CleanText("a" + char.ConvertFromUtf32(v) + "b")));
        const string French = "Pourquoi\u202F? «\u00A0Jamais\u00A0» : 10\u202F000\u00A0€ ; 50\u00A0%";
        Assert.Equal(French, TextCleaner.CleanText(French));
        Assert.Equal("Il a dit bonjour", TextCleaner.CleanText("Il a dit\u00A0bonjour")); // between words: a watermark
    }

    [Theory]
    [InlineData("می\u200Cخواهم")] // Persian: "I want", spelt with a zero-width non-joiner
    [InlineData("क्\u200Dष")] // Devanagari: a half form with a zero-width joiner
    [InlineData("ᠠ\u180B")] // Mongolian: a letter with its free variation selector
    public void TheJoinersAScriptNeeds_Stay(string word)
    {
        Assert.Equal(word, TextCleaner.CleanText(word));
    }

    private static IEnumerable<int> DefaultIgnorableFromTheDatabase()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "MeToo.Web", "Privacy", "Unicode", "DerivedCoreProperties.txt");
        foreach (var line in File.ReadLines(path))
        {
            var match = System.Text.RegularExpressions.Regex.Match(line, @"^([0-9A-F]{4,6})(?:\.\.([0-9A-F]{4,6}))?\s*;\s*Default_Ignorable_Code_Point\b");
            if (!match.Success)
            {
                continue;
            }

            var start = Convert.ToInt32(match.Groups[1].Value, 16);
            var end = match.Groups[2].Success ? Convert.ToInt32(match.Groups[2].Value, 16) : start;
            for (var v = start; v <= end; v++)
            {
                yield return v;
            }
        }
    }

    [Fact]
    public void CleanText_TurnsUnusualSpacesIntoPlainSpaces()
    {
        Assert.Equal("a b c d", TextCleaner.CleanText("a\u00A0b\u2003c\u3000d")); // a no-break space between words too
    }

    [Fact]
    public void CleanText_DropsLoneSurrogatesInsteadOfFailing()
    {
        Assert.Equal("ab", TextCleaner.CleanText("a\uD800b"));
        Assert.Equal("ab", TextCleaner.CleanText("a\uDC00b"));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData(" \n\t\u200B\r\n ", "")]
    public void CleanText_OfNothingVisible_IsEmpty(string? input, string expected)
    {
        Assert.Equal(expected, TextCleaner.CleanText(input));
    }

    [Fact]
    public void CleanText_LeavesMarkupAsText()
    {
        var hostile = "<script>alert('x')</script> <a href=\"javascript:alert(1)\">link</a>";

        Assert.Equal(hostile, TextCleaner.CleanText(hostile));
    }

    [Fact]
    public void CleanLine_JoinsLinesAndCollapsesSpaces()
    {
        Assert.Equal("a title on one line", TextCleaner.CleanLine("  a title\r\non\tone    line \u200B"));
    }
}

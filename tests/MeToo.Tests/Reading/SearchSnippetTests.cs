using MeToo.Web.Reading;

namespace MeToo.Tests.Reading;

/// <summary>The passages PostgreSQL's search shows (SQLite's come from FTS5's snippet()).</summary>
public sealed class SearchSnippetTests
{
    private static string Marked(string snippet) =>
        snippet.Replace(StorySearch.HighlightStart, '[').Replace(StorySearch.HighlightEnd, ']');

    [Fact]
    public void MarksEveryMatchedWord_WhateverItsCaseOrAccents_AndKeepsTheTextAsWritten()
    {
        var snippet = SearchSnippet.Make("He wrote <script>alert(1)</script> at the CAFÉ, then at the café again.", ["cafe"]);

        Assert.Equal("He wrote <script>alert(1)</script> at the [CAFÉ], then at the [café] again.", Marked(snippet));
    }

    [Fact]
    public void ALongText_IsCutAroundTheFirstMatch_WithAnEllipsisWhereItGoesOn()
    {
        var words = Enumerable.Range(1, 100).Select(i => "w" + i).ToList();
        words[60] = "Needle";
        var snippet = Marked(SearchSnippet.Make(string.Join(' ', words), ["needle"]));

        Assert.StartsWith("…w57 w58 w59 w60 [Needle] w62", snippet, StringComparison.Ordinal);
        Assert.EndsWith("w80…", snippet, StringComparison.Ordinal);
        Assert.Equal(SearchSnippet.Words, snippet.Trim('…').Split(' ').Length);
    }

    [Fact]
    public void WholeWordsOnly_AndAShortTextIsShownWhole()
    {
        Assert.Equal("The shifts, the [shift].", Marked(SearchSnippet.Make("The shifts, the shift.", ["shift"])));
        Assert.Equal("Nothing here matches.", Marked(SearchSnippet.Make("Nothing here matches.", ["absent"])));
    }
}

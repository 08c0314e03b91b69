using System.Text.Encodings.Web;
using MeToo.Web.Domain;
using MeToo.Web.Reading;

namespace MeToo.Tests.Reading;

public sealed class StoryHtmlTests
{
    public static TheoryData<string> Bodies => new()
    {
        "One line.",
        "First paragraph.\n\nSecond paragraph.",
        "A line\nand the next line\n\nthen a paragraph",
        "  spaced  \n\n\n\n  out  \n",
        "a\n\n\nb",
        "\n\nstarts with a gap",
        "ends with a gap\n\n",
        "<script>alert(1)</script> & \"quotes\" 'too'\n\n<b>bold?</b>",
        "tab\there\n \n\nline with only a space between",
        "Voilà — ñandú 😀\n\nمرحبا",
        "\n\n\n",
    };

    /// <summary>The text is written in place, without a string per line; it must read exactly as the paragraphs laid out by StoryText.</summary>
    [Theory]
    [MemberData(nameof(Bodies))]
    public void Text_WritesTheParagraphsAndLinesOfTheBody_EveryCharacterEncoded(string body)
    {
        var expected = new StringWriter();
        foreach (var paragraph in StoryText.Paragraphs(body))
        {
            expected.Write("<p>");
            expected.Write(string.Join("<br>", paragraph.Select(line => HtmlEncoder.Default.Encode(line))));
            expected.Write("</p>\n");
        }

        var written = new StringWriter();
        StoryHtml.Text(body).WriteTo(written, HtmlEncoder.Default);

        Assert.Equal(expected.ToString(), written.ToString());
        Assert.DoesNotContain("<script>", written.ToString(), StringComparison.Ordinal);
    }
}

namespace MeToo.Web.Domain;

/// <summary>A word or phrase that marks a story for moderators; lists are seeded from <c>seeds/</c> and edited by admins.</summary>
public sealed class ScreeningWord
{
    private ScreeningWord()
    {
        Text = string.Empty;
    }

    public ScreeningWord(WordList list, string text)
    {
        List = list;
        Text = text;
    }

    public long Id { get; private set; }

    public WordList List { get; private set; }

    public string Text { get; private set; }
}

using System.Security.Cryptography;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Privacy;

namespace MeToo.Tests.Harness;

/// <summary>Puts stories straight into the database through the domain, for tests about reading them.</summary>
public static class Stories
{
    public static StoryContent Content(
        string body = Journeys.SampleBody,
        string[]? settings = null,
        string[]? experiences = null,
        string[]? warnings = null,
        string? title = null,
        int? year = null,
        string? country = null,
        string language = StoryLanguages.Default) =>
        new(title, body, null, year, country, settings ?? ["workplace"], experiences ?? ["verbal-harassment"], warnings ?? [], language);

    public static async Task<List<Story>> AddAsync(AppDbContext db, int count, DateOnly submitted, DateOnly? published, Func<int, StoryContent>? content = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stories = new List<Story>();
        for (var i = 0; i < count; i++)
        {
            var story = Story.Submit(PublicId.New(), content?.Invoke(i) ?? Content(), RandomNumberGenerator.GetBytes(32), submitted);
            if (published is { } day)
            {
                story.Approve(day);
            }

            stories.Add(story);
            db.Stories.Add(story);
        }

        await db.SaveChangesAsync();
        return stories;
    }
}

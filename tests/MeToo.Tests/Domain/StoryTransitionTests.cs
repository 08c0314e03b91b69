using MeToo.Web.Domain;

namespace MeToo.Tests.Domain;

public sealed class StoryTransitionTests
{
    private static readonly DateOnly Day1 = new(2026, 3, 1);
    private static readonly DateOnly Day2 = new(2026, 3, 2);
    private static readonly DateOnly Day3 = new(2026, 3, 3);

    private static StoryContent Content(string body = "A story long enough to be a story, told here.") =>
        new("Title", body, null, 2019, "GB", ["workplace"], ["verbal-harassment"], []);

    private static Story NewStory() => Story.Submit("abcdefghjkmnpqrs", Content(), new byte[32], Day1);

    private static Story InState(StoryStatus status)
    {
        var story = NewStory();
        switch (status)
        {
            case StoryStatus.Published:
                story.Approve(Day2);
                break;
            case StoryStatus.ChangesRequested:
                story.RequestChanges("Please remove the name.", Day2);
                break;
            case StoryStatus.Rejected:
                story.Reject(RejectionReason.Spam, null, Day2);
                break;
        }

        return story;
    }

    [Fact]
    public void Submit_StartsPendingAtVersionOne_WithTheDayOnly()
    {
        var story = NewStory();

        Assert.Equal(StoryStatus.Pending, story.Status);
        Assert.Equal(1, story.Version);
        Assert.Equal(Day1, story.SubmittedOn);
        Assert.Null(story.PublishedOn);
        Assert.True(story.IsAnonymous);
        Assert.Equal(["workplace"], story.Settings);
    }

    [Fact]
    public void Approve_FromPending_PublishesOnThatDay_AndBumpsVersion()
    {
        var story = NewStory();

        story.Approve(Day2, ["self-harm"]);

        Assert.Equal(StoryStatus.Published, story.Status);
        Assert.Equal(Day2, story.PublishedOn);
        Assert.Equal(2, story.Version);
        Assert.Contains("self-harm", story.ContentWarnings);
    }

    [Fact]
    public void Approve_AfterReturnToReview_KeepsTheFirstPublicationDay()
    {
        var story = InState(StoryStatus.Published);
        story.ReturnToReview(Day3);

        story.Approve(Day3);

        Assert.Equal(Day2, story.PublishedOn);
        Assert.Equal(4, story.Version);
    }

    [Theory]
    [InlineData(StoryStatus.Published)]
    [InlineData(StoryStatus.ChangesRequested)]
    [InlineData(StoryStatus.Rejected)]
    public void Approve_FromAnyOtherState_IsRefused(StoryStatus from)
    {
        var story = InState(from);
        var version = story.Version;

        var error = Assert.Throws<IllegalTransitionException>(() => story.Approve(Day3));

        Assert.Equal(from, error.From);
        Assert.Equal(from, story.Status);
        Assert.Equal(version, story.Version);
    }

    [Fact]
    public void RequestChanges_FromPending_KeepsTheMessageForTheAuthor()
    {
        var story = NewStory();

        story.RequestChanges("Please remove the employer's name.", Day2);

        Assert.Equal(StoryStatus.ChangesRequested, story.Status);
        Assert.Equal("Please remove the employer's name.", story.ModeratorMessage);
        Assert.Equal(2, story.Version);
    }

    [Theory]
    [InlineData(StoryStatus.Published)]
    [InlineData(StoryStatus.ChangesRequested)]
    [InlineData(StoryStatus.Rejected)]
    public void RequestChanges_FromAnyOtherState_IsRefused(StoryStatus from)
    {
        var story = InState(from);

        Assert.Throws<IllegalTransitionException>(() => story.RequestChanges("message", Day3));
        Assert.Equal(from, story.Status);
    }

    [Fact]
    public void RequestChanges_WithoutAMessage_IsRefused()
    {
        var story = NewStory();

        Assert.Throws<ArgumentException>(() => story.RequestChanges("  ", Day2));
        Assert.Equal(StoryStatus.Pending, story.Status);
    }

    [Fact]
    public void Reject_FromPending_RecordsReasonAndNote()
    {
        var story = NewStory();

        story.Reject(RejectionReason.IdentifiesSomeone, "names a colleague", Day2);

        Assert.Equal(StoryStatus.Rejected, story.Status);
        Assert.Equal(RejectionReason.IdentifiesSomeone, story.RejectionReason);
        Assert.Equal("names a colleague", story.RejectionNote);
        Assert.Equal(Day2, story.StatusChangedOn);
        Assert.Equal(2, story.Version);
    }

    [Theory]
    [InlineData(StoryStatus.Published)]
    [InlineData(StoryStatus.ChangesRequested)]
    [InlineData(StoryStatus.Rejected)]
    public void Reject_FromAnyOtherState_IsRefused(StoryStatus from)
    {
        var story = InState(from);

        Assert.Throws<IllegalTransitionException>(() => story.Reject(RejectionReason.Spam, null, Day3));
        Assert.Equal(from, story.Status);
    }

    [Fact]
    public void ReturnToReview_FromPublished_GoesBackToPending()
    {
        var story = InState(StoryStatus.Published);

        story.ReturnToReview(Day3);

        Assert.Equal(StoryStatus.Pending, story.Status);
        Assert.Equal(3, story.Version);
    }

    [Theory]
    [InlineData(StoryStatus.Pending)]
    [InlineData(StoryStatus.ChangesRequested)]
    [InlineData(StoryStatus.Rejected)]
    public void ReturnToReview_FromAnyOtherState_IsRefused(StoryStatus from)
    {
        var story = InState(from);

        Assert.Throws<IllegalTransitionException>(() => story.ReturnToReview(Day3));
        Assert.Equal(from, story.Status);
    }

    [Fact]
    public void Revise_AfterChangesRequested_GoesBackToPendingWithTheNewText()
    {
        var story = InState(StoryStatus.ChangesRequested);

        story.Revise(Content("The same story, now without anyone's name in it at all."), Day3);

        Assert.Equal(StoryStatus.Pending, story.Status);
        Assert.Equal("The same story, now without anyone's name in it at all.", story.Body);
        Assert.Equal(3, story.Version);
    }

    [Fact]
    public void Revise_WhilePending_ReplacesTheTextAndTags()
    {
        var story = NewStory();

        story.Revise(Content() with { Settings = ["online"], Experiences = [] }, Day2);

        Assert.Equal(StoryStatus.Pending, story.Status);
        Assert.Equal(["online"], story.Settings);
        Assert.Empty(story.Experiences);
    }

    [Theory]
    [InlineData(StoryStatus.Published)]
    [InlineData(StoryStatus.Rejected)]
    public void Revise_APublishedOrRejectedStory_IsRefused(StoryStatus from)
    {
        var story = InState(from);

        Assert.Throws<IllegalTransitionException>(() => story.Revise(Content(), Day3));
        Assert.Equal(from, story.Status);
    }

    [Fact]
    public void Redact_ReplacesTheText_KeepsTheState_AndBumpsVersion()
    {
        var story = InState(StoryStatus.Published);

        story.Redact(null, "A story with the name removed by a moderator.", Day3);

        Assert.Equal(StoryStatus.Published, story.Status);
        Assert.Equal("A story with the name removed by a moderator.", story.Body);
        Assert.Null(story.Title);
        Assert.Equal(3, story.Version);
    }

    [Fact]
    public void Redact_ARejectedStory_IsRefused()
    {
        var story = InState(StoryStatus.Rejected);

        Assert.Throws<IllegalTransitionException>(() => story.Redact(null, "text", Day3));
    }

    [Fact]
    public void DisplayName_IsKeptOnlyWhenGiven()
    {
        var named = Story.Submit("abcdefghjkmnpqrs", Content() with { DisplayName = "River" }, new byte[32], Day1);

        Assert.False(named.IsAnonymous);
        Assert.Equal("River", named.DisplayName);
    }
}

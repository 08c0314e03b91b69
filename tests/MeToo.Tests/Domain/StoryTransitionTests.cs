using MeToo.Web.Domain;

namespace MeToo.Tests.Domain;

/// <summary>
/// Every transition of a story's life (docs/moderation.md), its legal and its illegal moves, from
/// every state a story can be in. An illegal move throws and leaves the story exactly as it was.
/// </summary>
public sealed class StoryTransitionTests
{
    private static readonly DateOnly Day1 = new(2026, 3, 1);
    private static readonly DateOnly Day2 = new(2026, 3, 2);
    private static readonly DateOnly Day3 = new(2026, 3, 3);
    private static readonly DateOnly Day4 = new(2026, 3, 4);

    private const string Original = "The text as the author first sent it, long enough to be a story.";
    private const string Edited = "The author's later edit, which removes a detail they regret sharing.";

    /// <summary>The states a story can be in, by how it got there.</summary>
    public static TheoryData<string> AllStates =>
    [
        "new", "changes-requested", "rejected", "published", "published-with-edit",
        "returned", "hidden", "returned-with-edit", "taken-down", "erased",
    ];

    private static StoryContent Content(string body = Original, string? name = null) =>
        new("Title", body, name, 2019, "GB", ["workplace"], ["verbal-harassment"], []);

    private static Story NewStory() => Story.Submit("abcdefghjkmnpqrs", Content(), new byte[32], Day1);

    private static Story InState(string state)
    {
        var story = NewStory();
        switch (state)
        {
            case "new":
                break;
            case "changes-requested":
                story.RequestChanges("Please remove the name.", Day2);
                break;
            case "rejected":
                story.Reject(RejectionReason.Spam, null, Day2);
                break;
            case "published":
                story.Approve(Day2);
                break;
            case "published-with-edit":
                story.Approve(Day2);
                story.ProposeRevision(Content(Edited), Day3);
                break;
            case "returned":
                story.Approve(Day2);
                story.ReturnToReview(Day3);
                break;
            case "hidden":
                story.Approve(Day2);
                story.HideForReview(Day3);
                break;
            case "returned-with-edit":
                story.Approve(Day2);
                story.ProposeRevision(Content(Edited), Day3);
                story.ReturnToReview(Day3);
                break;
            case "taken-down":
                story.Approve(Day2);
                story.TakeDownAndRevise(Content(Edited), Day3);
                break;
            case "erased":
                story.Erase();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(state));
        }

        return story;
    }

    /// <summary>What a test compares before and after a refused move: nothing may change.</summary>
    private static object Snapshot(Story s) =>
        (s.Status, s.Version, s.Body, s.Title, s.DisplayName, s.PendingRevision?.Body, s.PublishedOn, s.ModeratorMessage, s.RejectionReason, s.ReviewReason, s.IsPriority, s.ProtectedUntil, string.Join(',', s.ContentWarnings));

    private static void Refused(Story story, Action move)
    {
        var before = Snapshot(story);
        Assert.Throws<IllegalTransitionException>(move);
        Assert.Equal(before, Snapshot(story));
    }

    // ---- Submit ---------------------------------------------------------------------------------

    [Fact]
    public void Submit_StartsPendingAtVersionOne_WithTheDayOnly_AsANewStory()
    {
        var story = NewStory();

        Assert.Equal(StoryStatus.Pending, story.Status);
        Assert.Equal(1, story.Version);
        Assert.Equal(Day1, story.SubmittedOn);
        Assert.Null(story.PublishedOn);
        Assert.True(story.IsAnonymous);
        Assert.Equal(["workplace"], story.Settings);
        Assert.Equal(ReviewKind.NewStory, story.UnderReview);
        Assert.Equal([StoryVersionKind.Submitted], story.Versions.Select(v => v.Kind));
    }

    [Fact]
    public void DisplayName_IsKeptOnlyWhenGiven()
    {
        var named = Story.Submit("abcdefghjkmnpqrs", Content(name: "River"), new byte[32], Day1);
        var blank = Story.Submit("abcdefghjkmnpqrt", Content(name: "   "), new byte[32], Day1);

        Assert.Equal("River", named.DisplayName);
        Assert.False(named.IsAnonymous);
        Assert.True(blank.IsAnonymous);
    }

    // ---- What is under review, and what becomes public ------------------------------------------

    [Theory]
    [InlineData("new", ReviewKind.NewStory, new[] { StoryVersionKind.Submitted })]
    [InlineData("changes-requested", ReviewKind.None, new[] { StoryVersionKind.Submitted })]
    [InlineData("rejected", ReviewKind.None, new StoryVersionKind[0])]
    [InlineData("published", ReviewKind.None, new[] { StoryVersionKind.Published })]
    [InlineData("published-with-edit", ReviewKind.EditOfPublished, new[] { StoryVersionKind.Published, StoryVersionKind.Edit })]
    [InlineData("returned", ReviewKind.BackInReview, new[] { StoryVersionKind.Hidden })]
    [InlineData("hidden", ReviewKind.BackInReview, new[] { StoryVersionKind.Hidden })]
    [InlineData("returned-with-edit", ReviewKind.BackInReviewWithEdit, new[] { StoryVersionKind.Hidden, StoryVersionKind.Edit })]
    [InlineData("taken-down", ReviewKind.BackInReview, new[] { StoryVersionKind.TakenDownAndChanged })]
    [InlineData("erased", ReviewKind.None, new StoryVersionKind[0])]
    public void EveryState_SaysWhatWaitsAndWhichVersionsCanBecomePublic(string state, ReviewKind kind, StoryVersionKind[] versions)
    {
        var story = InState(state);

        Assert.Equal(kind, story.UnderReview);
        Assert.Equal(versions, story.Versions.Select(v => v.Kind));
        Assert.Equal(AwaitsDecision(story), kind != ReviewKind.None);
    }

    private static bool AwaitsDecision(Story story) => Story.AwaitsDecision.Compile()(story) && !story.IsErased;

    [Theory]
    [InlineData("published-with-edit")]
    [InlineData("returned-with-edit")]
    public void WithAnEditWaiting_ApprovalPublishesTheEdit_AndTheAuthorContinuesFromIt(string state)
    {
        var story = InState(state);

        Assert.Equal(Edited, story.PublishedOnApproval.Body);
        Assert.Equal(Edited, story.LatestAuthorVersion.Body);
        Assert.Equal(Original, story.Content.Body);
    }

    // ---- Approve --------------------------------------------------------------------------------

    [Fact]
    public void Approve_ANewStory_PublishesOnThatDay_WithTheExtraWarnings()
    {
        var story = NewStory();

        var decision = story.Approve(Day2, ["self-harm"]);

        Assert.Equal(StoryDecision.Published, decision);
        Assert.Equal(StoryStatus.Published, story.Status);
        Assert.Equal(Day2, story.PublishedOn);
        Assert.Equal(2, story.Version);
        Assert.Contains("self-harm", story.ContentWarnings);
    }

    [Theory]
    [InlineData("returned")]
    [InlineData("hidden")]
    [InlineData("taken-down")]
    public void Approve_AStoryBackInReview_KeepsItsFirstPublicationDay_AndLeavesTheTopOfTheQueue(string state)
    {
        var story = InState(state);
        var body = story.Body;

        Assert.Equal(StoryDecision.Published, story.Approve(Day4));

        Assert.Equal(Day2, story.PublishedOn);
        Assert.Equal(body, story.Body);
        Assert.False(story.IsPriority);
        Assert.Equal(ReviewKind.None, story.UnderReview);
    }

    [Fact]
    public void Approve_AnEditOfAPublishedStory_ReplacesThePublishedText()
    {
        var story = InState("published-with-edit");

        Assert.Equal(StoryDecision.EditPublished, story.Approve(Day4));

        Assert.Equal(Edited, story.Body);
        Assert.Null(story.PendingRevision);
        Assert.Equal(StoryStatus.Published, story.Status);
        Assert.Equal(Day2, story.PublishedOn);
    }

    [Fact]
    public void Approve_AStoryBackInReviewWithAnEdit_NeedsTheModeratorToChooseAVersion()
    {
        var story = InState("returned-with-edit");

        Refused(story, () => story.Approve(Day4));
    }

    [Fact]
    public void Approve_AStoryBackInReviewWithAnEdit_CanPublishTheEdit()
    {
        var story = InState("returned-with-edit");

        Assert.Equal(StoryDecision.EditPublished, story.Approve(Day4, choice: ApprovalChoice.TheEdit));

        Assert.Equal((StoryStatus.Published, Edited), (story.Status, story.Body));
        Assert.Null(story.PendingRevision);
    }

    [Fact]
    public void Approve_AStoryBackInReviewWithAnEdit_CanPublishTheEarlierText_DecliningTheEdit()
    {
        var story = InState("returned-with-edit");

        Assert.Equal(StoryDecision.PublishedEditDeclined, story.Approve(Day4, choice: ApprovalChoice.TheEarlierVersion));

        Assert.Equal((StoryStatus.Published, Original), (story.Status, story.Body));
        Assert.Null(story.PendingRevision);
    }

    [Theory]
    [InlineData("changes-requested")]
    [InlineData("rejected")]
    [InlineData("published")]
    [InlineData("erased")]
    public void Approve_WhenNothingWaits_IsRefused(string state)
    {
        var story = InState(state);

        Refused(story, () => story.Approve(Day4, choice: ApprovalChoice.TheEdit));
    }

    // ---- Request changes ------------------------------------------------------------------------

    [Theory]
    [InlineData("new")]
    [InlineData("returned")]
    [InlineData("hidden")]
    [InlineData("taken-down")]
    public void RequestChanges_APendingStory_SendsItToTheAuthorWithTheMessage(string state)
    {
        var story = InState(state);

        Assert.Equal(StoryDecision.ChangesRequested, story.RequestChanges("Please remove the shop's name.", Day4));

        Assert.Equal(StoryStatus.ChangesRequested, story.Status);
        Assert.Equal("Please remove the shop's name.", story.ModeratorMessage);
        Assert.False(story.IsPriority);
    }

    [Fact]
    public void RequestChanges_AStoryBackInReviewWithAnEdit_KeepsTheEdit_SoTheAuthorContinuesFromIt()
    {
        var story = InState("returned-with-edit");

        story.RequestChanges("Please also remove the date.", Day4);

        Assert.Equal(StoryStatus.ChangesRequested, story.Status);
        Assert.Equal(Edited, story.LatestAuthorVersion.Body);
    }

    [Fact]
    public void RequestChanges_AnEditOfAPublishedStory_DeclinesTheEdit_AndThePublishedTextStays()
    {
        var story = InState("published-with-edit");

        Assert.Equal(StoryDecision.EditDeclined, story.RequestChanges("The edit adds a name; the published text stays.", Day4));

        Assert.Equal((StoryStatus.Published, Original), (story.Status, story.Body));
        Assert.Null(story.PendingRevision);
        Assert.Equal("The edit adds a name; the published text stays.", story.ModeratorMessage);
    }

    [Theory]
    [InlineData("changes-requested")]
    [InlineData("rejected")]
    [InlineData("published")]
    [InlineData("erased")]
    public void RequestChanges_WhenNothingWaits_IsRefused(string state)
    {
        var story = InState(state);

        Refused(story, () => story.RequestChanges("A message.", Day4));
    }

    [Fact]
    public void RequestChanges_WithoutAMessage_IsRefused()
    {
        var story = NewStory();

        Assert.Throws<ArgumentException>(() => story.RequestChanges("  ", Day2));
        Assert.Equal(StoryStatus.Pending, story.Status);
    }

    // ---- Reject ---------------------------------------------------------------------------------

    [Fact]
    public void Reject_APendingStory_RecordsReasonAndNote()
    {
        var story = NewStory();

        Assert.Equal(StoryDecision.Rejected, story.Reject(RejectionReason.IdentifiesSomeone, "Names a colleague", Day2));

        Assert.Equal(StoryStatus.Rejected, story.Status);
        Assert.Equal(RejectionReason.IdentifiesSomeone, story.RejectionReason);
        Assert.Equal("Names a colleague", story.RejectionNote);
        Assert.Equal(Day2, story.StatusChangedOn);
        Assert.False(story.CanBeEditedByAuthor);
    }

    [Fact]
    public void Reject_AStoryBackInReviewWithAnEdit_RejectsBothVersions()
    {
        var story = InState("returned-with-edit");

        story.Reject(RejectionReason.HatefulOrAbusive, null, Day4);

        Assert.Equal(StoryStatus.Rejected, story.Status);
        Assert.Null(story.PendingRevision);
        Assert.Empty(story.Versions);
    }

    [Fact]
    public void Reject_AnEditOfAPublishedStory_DeclinesOnlyTheEdit()
    {
        var story = InState("published-with-edit");

        Assert.Equal(StoryDecision.EditDeclined, story.Reject(RejectionReason.Other, null, Day4));

        Assert.Equal((StoryStatus.Published, Original), (story.Status, story.Body));
        Assert.Null(story.PendingRevision);
        Assert.Null(story.RejectionReason);
    }

    [Theory]
    [InlineData("changes-requested")]
    [InlineData("rejected")]
    [InlineData("published")]
    [InlineData("erased")]
    public void Reject_WhenNothingWaits_IsRefused(string state)
    {
        var story = InState(state);

        Refused(story, () => story.Reject(RejectionReason.Spam, null, Day4));
    }

    // ---- Approve / decline an edit directly -------------------------------------------------------

    [Fact]
    public void ApproveRevision_ReplacesThePublishedText()
    {
        var story = InState("published-with-edit");

        story.ApproveRevision(Day4);

        Assert.Equal((StoryStatus.Published, Edited, (StoryRevision?)null), (story.Status, story.Body, story.PendingRevision));
    }

    [Theory]
    [InlineData("new")]
    [InlineData("published")]
    [InlineData("returned-with-edit")]
    [InlineData("rejected")]
    [InlineData("erased")]
    public void ApproveRevision_WithoutAnEditOfAPublishedStory_IsRefused(string state)
    {
        var story = InState(state);

        Refused(story, () => story.ApproveRevision(Day4));
    }

    [Fact]
    public void DeclineRevision_KeepsThePublishedText_AndTellsTheAuthorWhy()
    {
        var story = InState("published-with-edit");

        story.DeclineRevision(Day4, "The edit names your manager.");

        Assert.Equal((StoryStatus.Published, Original, "The edit names your manager."), (story.Status, story.Body, story.ModeratorMessage));
        Assert.Null(story.PendingRevision);
    }

    [Theory]
    [InlineData("new")]
    [InlineData("published")]
    [InlineData("returned-with-edit")]
    [InlineData("erased")]
    public void DeclineRevision_WithoutAnEditOfAPublishedStory_IsRefused(string state)
    {
        var story = InState(state);

        Refused(story, () => story.DeclineRevision(Day4));
    }

    // ---- Back to review, hiding, keeping ----------------------------------------------------------

    [Fact]
    public void ReturnToReview_APublishedStory_GoesBackToPending_AndKeepsAWaitingEdit()
    {
        var story = InState("published-with-edit");

        story.ReturnToReview(Day4);

        Assert.Equal(StoryStatus.Pending, story.Status);
        Assert.Equal(ReviewReason.ReturnedByModerator, story.ReviewReason);
        Assert.Equal(Edited, story.PendingRevision!.Body);
        Assert.Equal(ReviewKind.BackInReviewWithEdit, story.UnderReview);
    }

    [Theory]
    [InlineData("new")]
    [InlineData("changes-requested")]
    [InlineData("rejected")]
    [InlineData("returned")]
    [InlineData("erased")]
    public void ReturnToReview_AStoryThatIsNotPublished_IsRefused(string state)
    {
        var story = InState(state);

        Refused(story, () => story.ReturnToReview(Day4));
    }

    [Fact]
    public void HideForReview_PutsAPublishedStoryAtTheTopOfTheQueue_AndKeepsAWaitingEdit()
    {
        var story = InState("published-with-edit");

        story.HideForReview(Day4);

        Assert.Equal((StoryStatus.Pending, true, ReviewReason.HiddenAfterReports), (story.Status, story.IsPriority, story.ReviewReason));
        Assert.Equal(Edited, story.PendingRevision!.Body);
    }

    [Theory]
    [InlineData("new")]
    [InlineData("changes-requested")]
    [InlineData("rejected")]
    [InlineData("hidden")]
    [InlineData("erased")]
    public void HideForReview_AStoryThatIsNotPublished_IsRefused(string state)
    {
        var story = InState(state);

        Refused(story, () => story.HideForReview(Day4));
    }

    [Fact]
    public void Keep_ProtectsAPublishedStoryUntilTheDay_AndNotAfter()
    {
        var story = InState("published");
        var version = story.Version;

        story.Keep(Day4);

        Assert.True(story.IsProtectedOn(Day3));
        Assert.True(story.IsProtectedOn(Day4));
        Assert.False(story.IsProtectedOn(Day4.AddDays(1)));
        Assert.Equal(version + 1, story.Version);
    }

    [Theory]
    [InlineData("new")]
    [InlineData("changes-requested")]
    [InlineData("rejected")]
    [InlineData("hidden")]
    [InlineData("erased")]
    public void Keep_AStoryThatIsNotPublished_IsRefused(string state)
    {
        var story = InState(state);

        Refused(story, () => story.Keep(Day4));
    }

    // ---- The author's edits -----------------------------------------------------------------------

    [Theory]
    [InlineData("new", AuthorEdit.SavedForReview)]
    [InlineData("changes-requested", AuthorEdit.SavedForReview)]
    [InlineData("returned", AuthorEdit.SavedForReview)]
    [InlineData("returned-with-edit", AuthorEdit.SavedForReview)]
    [InlineData("published", AuthorEdit.WaitingBesidePublished)]
    [InlineData("published-with-edit", AuthorEdit.WaitingBesidePublished)]
    public void Edit_AppliesTheTransitionTheStoryIsIn(string state, AuthorEdit expected)
    {
        var story = InState(state);
        var newer = Content("The newest words of the author, long enough to be a story.");

        Assert.Equal(expected, story.Edit(newer, takeDownNow: false, Day4));

        Assert.Equal(newer.Body, story.LatestAuthorVersion.Body);
        Assert.Equal(expected == AuthorEdit.WaitingBesidePublished ? StoryStatus.Published : StoryStatus.Pending, story.Status);
    }

    [Fact]
    public void Edit_APublishedStoryToTakeItDownNow_TakesItOffTheSiteWithTheNewText()
    {
        var story = InState("published-with-edit");

        Assert.Equal(AuthorEdit.TakenDown, story.Edit(Content("Without the name now, long enough to be a story."), takeDownNow: true, Day4));

        Assert.Equal(StoryStatus.Pending, story.Status);
        Assert.Equal("Without the name now, long enough to be a story.", story.Body);
        Assert.Null(story.PendingRevision);
        Assert.Equal([StoryVersionKind.TakenDownAndChanged], story.Versions.Select(v => v.Kind));
    }

    [Theory]
    [InlineData("rejected")]
    [InlineData("erased")]
    public void Edit_ARejectedOrErasedStory_IsRefused(string state)
    {
        var story = InState(state);

        Assert.False(story.CanBeEditedByAuthor);
        Refused(story, () => story.Edit(Content(Edited), takeDownNow: false, Day4));
        Refused(story, () => story.Edit(Content(Edited), takeDownNow: true, Day4));
    }

    [Fact]
    public void Revise_AfterChangesRequested_GoesBackToPendingWithTheNewTextAndTags()
    {
        var story = InState("changes-requested");

        story.Revise(Content(Edited) with { Settings = ["school"], ContentWarnings = ["self-harm"] }, Day3);

        Assert.Equal(StoryStatus.Pending, story.Status);
        Assert.Equal(Edited, story.Body);
        Assert.Equal(["school"], story.Settings);
        Assert.Equal(["self-harm"], story.ContentWarnings);
        Assert.Equal(ReviewKind.NewStory, story.UnderReview);
    }

    [Fact]
    public void Revise_AStoryBackInReviewWithAnEdit_ReplacesBothVersionsWithTheNewestWords()
    {
        var story = InState("returned-with-edit");

        story.Revise(Content("Newest of all, long enough to be a story for sure."), Day4);

        Assert.Null(story.PendingRevision);
        Assert.Equal([StoryVersionKind.TakenDownAndChanged], story.Versions.Select(v => v.Kind));
    }

    [Theory]
    [InlineData("published")]
    [InlineData("published-with-edit")]
    [InlineData("rejected")]
    [InlineData("erased")]
    public void Revise_APublishedRejectedOrErasedStory_IsRefused(string state)
    {
        var story = InState(state);

        Refused(story, () => story.Revise(Content(Edited), Day4));
    }

    [Fact]
    public void ProposeRevision_KeepsThePublishedText_AndANewerEditReplacesTheOlder()
    {
        var story = InState("published");

        story.ProposeRevision(Content(Edited), Day3);
        story.ProposeRevision(Content("A second edit, replacing the first one entirely."), Day4);

        Assert.Equal((StoryStatus.Published, Original), (story.Status, story.Body));
        Assert.Equal("A second edit, replacing the first one entirely.", story.PendingRevision!.Body);
        Assert.Equal(Day4, story.PendingRevision.SubmittedOn);
    }

    [Theory]
    [InlineData("new")]
    [InlineData("changes-requested")]
    [InlineData("rejected")]
    [InlineData("returned")]
    [InlineData("erased")]
    public void ProposeRevision_AStoryThatIsNotPublished_IsRefused(string state)
    {
        var story = InState(state);

        Refused(story, () => story.ProposeRevision(Content(Edited), Day4));
    }

    [Theory]
    [InlineData("new")]
    [InlineData("changes-requested")]
    [InlineData("rejected")]
    [InlineData("returned")]
    [InlineData("erased")]
    public void TakeDownAndRevise_AStoryThatIsNotPublished_IsRefused(string state)
    {
        var story = InState(state);

        Refused(story, () => story.TakeDownAndRevise(Content(Edited), Day4));
    }

    // ---- Redaction -----------------------------------------------------------------------------

    [Fact]
    public void Redact_ReplacesTitleTextAndName_KeepsTheState_AndBumpsVersion()
    {
        var story = Story.Submit("abcdefghjkmnpqrs", Content(name: "Maria Lopez"), new byte[32], Day1);
        story.Approve(Day2);

        story.Redact(new Redaction(null, "A story with the name removed by a moderator.", "M."), null, Day3);

        Assert.Equal(StoryStatus.Published, story.Status);
        Assert.Equal("A story with the name removed by a moderator.", story.Body);
        Assert.Null(story.Title);
        Assert.Equal("M.", story.DisplayName);
        Assert.Equal(3, story.Version);
    }

    [Theory]
    [InlineData("published-with-edit")]
    [InlineData("returned-with-edit")]
    public void Redact_WithAnEditWaiting_RedactsBothVersions(string state)
    {
        var story = InState(state);

        story.Redact(new Redaction("T", "The live text, redacted by a moderator.", null), new Redaction("T", "The edit, redacted by a moderator too.", null), Day4);

        Assert.Equal("The live text, redacted by a moderator.", story.Body);
        Assert.Equal("The edit, redacted by a moderator too.", story.PendingRevision!.Body);
        Assert.All(story.Versions, v => Assert.Contains("redacted by a moderator", v.Content.Body, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("published-with-edit")]
    [InlineData("returned-with-edit")]
    public void Redact_OneVersionOnlyWhileAnEditWaits_IsRefused(string state)
    {
        var story = InState(state);

        Refused(story, () => story.Redact(new Redaction(null, "Only the live text redacted.", null), null, Day4));
    }

    [Fact]
    public void Redact_AnEditThatDoesNotExist_IsRefused()
    {
        var story = InState("published");

        Refused(story, () => story.Redact(new Redaction(null, "Live.", null), new Redaction(null, "Edit.", null), Day4));
    }

    [Theory]
    [InlineData("rejected")]
    [InlineData("erased")]
    public void Redact_ARejectedOrErasedStory_IsRefused(string state)
    {
        var story = InState(state);

        Refused(story, () => story.Redact(new Redaction(null, "text", null), null, Day3));
    }

    // ---- Markers, consent, erasure -------------------------------------------------------------

    [Fact]
    public void ReplaceMarkers_KeepsOneMarkerPerKind_WithTheTotalCount()
    {
        var story = NewStory();
        story.ReplaceMarkers([new ScreeningMarker(MarkerKind.Email, 1), new ScreeningMarker(MarkerKind.Email, 2), new ScreeningMarker(MarkerKind.VeryShort, 1)]);
        story.ReplaceMarkers([new ScreeningMarker(MarkerKind.Email, 3)]);

        Assert.Equal([(MarkerKind.Email, 3)], story.Markers.Select(m => (m.Kind, m.Count)));
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void Erase_WorksFromEveryStateButOnce_AndNothingMayHappenAfterIt(string state)
    {
        var story = InState(state);
        if (state != "erased")
        {
            story.Erase();
        }

        Assert.True(story.IsErased);
        Assert.Throws<IllegalTransitionException>(story.Erase);
        Assert.Throws<IllegalTransitionException>(() => story.SetOpenDataConsent(true));
        Assert.False(story.CanBeEditedByAuthor);
        Assert.Empty(story.Versions);
    }
}

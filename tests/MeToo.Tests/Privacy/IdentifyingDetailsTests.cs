using MeToo.Web.Privacy;

namespace MeToo.Tests.Privacy;

public sealed class IdentifyingDetailsTests
{
    public static TheoryData<string, DetailKind, string> Positives => new()
    {
        { "You can write to me at jane.doe+story@example.co.uk if you want.", DetailKind.Email, "jane.doe+story@example.co.uk" },
        { "his address was mike_77@mail.com", DetailKind.Email, "mike_77@mail.com" },
        { "Call me on +44 20 7946 0958 after six.", DetailKind.Phone, "+44 20 7946 0958" },
        { "His number was (415) 555-2671 and he kept calling.", DetailKind.Phone, "(415) 555-2671" },
        { "Text 07700 900123 if you know him.", DetailKind.Phone, "07700 900123" },
        { "It is all on https://example.org/posts/123 now.", DetailKind.Link, "https://example.org/posts/123" },
        { "see www.example.net for the photos", DetailKind.Link, "www.example.net" },
        { "he runs myblog.com under his real name", DetailKind.Link, "myblog.com" },
        { "Find him on Instagram as @coach_danny.", DetailKind.Handle, "@coach_danny" },
        { "He posts on reddit as u/throwaway_123", DetailKind.Handle, "u/throwaway_123" },
        { "My manager John Harrington said it was a joke.", DetailKind.FullName, "John Harrington" },
        { "It was Sarah Connolly who finally listened.", DetailKind.FullName, "Sarah Connolly" },
        { "Then Mr. Patel called me into his office.", DetailKind.FullName, "Mr. Patel" },
        { "Dr Okafor said I was imagining it.", DetailKind.FullName, "Dr Okafor" },
        { "It happened on 12 March 2019, a Tuesday.", DetailKind.Date, "12 March 2019" },
        { "It happened on March 12, 2019 at night.", DetailKind.Date, "March 12, 2019" },
        { "The party was on 14/02/2018.", DetailKind.Date, "14/02/2018" },
        { "The date was 2021-06-30.", DetailKind.Date, "2021-06-30" },
        { "It was the 3rd of May and raining.", DetailKind.Date, "3rd of May" },
        { "I lived near SW1A 1AA back then.", DetailKind.Postcode, "SW1A 1AA" },
        { "Our flat was in M1 1AE.", DetailKind.Postcode, "M1 1AE" },
        { "Postcode: K1A 0B1 in Ottawa.", DetailKind.Postcode, "K1A 0B1" },
        { "zip 90210-1234 area", DetailKind.Postcode, "90210-1234" },
        { "I worked at Brightline Logistics for two years.", DetailKind.Place, "Brightline Logistics" },
        { "I was employed by a firm, I worked for Acme Corp at the time.", DetailKind.Place, "Acme Corp" },
        { "It happened at Riverside University during freshers week.", DetailKind.Place, "Riverside University" },
        { "I studied at the University of Leeds.", DetailKind.Place, "University of Leeds" },
        { "Everyone at St Mary's Hospital knew.", DetailKind.Place, "St Mary's Hospital" },
    };

    /// <summary>The same kinds of detail as Spanish- and French-speaking authors write them (issue 14).</summary>
    public static TheoryData<string, DetailKind, string, string?> SpanishAndFrench => new()
    {
        { "El Sr. Gómez me llamó a su despacho.", DetailKind.FullName, "Sr. Gómez", null },
        { "La Dra. Fernández dijo que eran imaginaciones mías.", DetailKind.FullName, "Dra. Fernández", null },
        { "Ese día la Sra. Martínez no dijo nada.", DetailKind.FullName, "Sra. Martínez", null },
        { "Mme Lefèvre m'a dit de me taire.", DetailKind.FullName, "Mme Lefèvre", null },
        { "Puis M. Dubois a fermé la porte.", DetailKind.FullName, "M. Dubois", null },
        { "Pasó el 12 de marzo de 2019, un martes.", DetailKind.Date, "12 de marzo de 2019", null },
        { "Fue el 3 de mayo, en la fiesta.", DetailKind.Date, "3 de mayo", null },
        { "C'était le 1er mai 2021, au bureau.", DetailKind.Date, "1er mai 2021", null },
        { "Je m'en souviens : le 14 juillet, pendant le feu d'artifice.", DetailKind.Date, "14 juillet", null },
        { "Vivía cerca, código postal 28013, en el centro.", DetailKind.Postcode, "28013", null },
        { "J'habitais au code postal 75011 à l'époque.", DetailKind.Postcode, "75011", null },
        { "La oficina estaba en C1425DKB, en Palermo.", DetailKind.Postcode, "C1425DKB", null },
        { "Mi número era 612 34 56 78 y me escribía a todas horas.", DetailKind.Phone, "612 34 56 78", "ES" },
        { "Il m'appelait au 06 12 34 56 78 tous les soirs.", DetailKind.Phone, "06 12 34 56 78", "FR" },
        { "Me llamaba al 55 1234 5678 desde otro número.", DetailKind.Phone, "55 1234 5678", "MX" },
        { "Me escribía al 11 2345-6789 por las noches.", DetailKind.Phone, "11 2345-6789", "AR" },
        { "Trabajaba en Construcciones Ibéricas desde hacía un año.", DetailKind.Place, "Construcciones Ibéricas", null },
        { "Je travaillais chez Dupont Logistique à l'époque.", DetailKind.Place, "Dupont Logistique", null },
        { "Estudiaba en la Universidad de Sevilla.", DetailKind.Place, "Universidad de Sevilla", null },
        { "Au Lycée Victor Hugo, tout le monde savait.", DetailKind.Place, "Lycée Victor Hugo", null },
    };

    [Theory]
    [MemberData(nameof(SpanishAndFrench))]
    public void Find_FlagsSpanishAndFrenchForms(string text, DetailKind kind, string expected, string? country)
    {
        var findings = IdentifyingDetails.Find(text, country);

        var finding = Assert.Single(findings, f => f.Kind == kind);
        Assert.Equal(expected, finding.Text);
    }

    [Theory]
    [InlineData("Tenía 25 años en 2009 cuando empezó.")]
    [InlineData("Pasó en marzo de 2019 y otra vez en verano.")]
    [InlineData("Cuando se lo conté a mi madre, lloró. Después se lo dije a mi hermana.")]
    [InlineData("J'avais 16 ans. Personne ne m'a crue au travail.")]
    [InlineData("C'était en mai, pendant les vacances, la nuit.")]
    [InlineData("Je suis une femme sur trois qui a parlé, sur 120 personnes.")]
    [InlineData("I'M Sorry, I could not say it then.")]
    public void Find_LeavesOrdinarySpanishAndFrenchTextAlone(string text)
    {
        Assert.Empty(IdentifyingDetails.Find(text));
    }

    [Theory]
    [MemberData(nameof(Positives))]
    public void Find_FlagsTheDetail_WithItsKindAndSpan(string text, DetailKind kind, string expected)
    {
        var findings = IdentifyingDetails.Find(text);

        var finding = Assert.Single(findings, f => f.Kind == kind);
        Assert.Equal(expected, finding.Text);
        Assert.Equal(expected, text.Substring(finding.Start, finding.Length));
    }

    [Theory]
    [InlineData("I was 25 in 2009 when it started.")]
    [InlineData("It went on for 3 years, maybe 400 days, from 2015 to 2018.")]
    [InlineData("I was in year 11 and he was 45.")]
    [InlineData("It happened in March 2019 and again in the summer.")]
    [InlineData("When I told my mum she cried. Then I told my sister.")]
    [InlineData("I said no. He laughed. Nobody at work believed me.")]
    [InlineData("It was at Christmas, at the office party, at night.")]
    [InlineData("I wrote about it at 3am on a Monday.")]
    [InlineData("The email he sent was awful, and the phone calls worse.")]
    [InlineData("I am 1 of 3 women who spoke up, out of 120 staff.")]
    [InlineData("My heart rate was 180 and I could not breathe.")]
    [InlineData("#MeToo, and I hope you are all safe.")]
    [InlineData("When School started again I could not face it.")]
    [InlineData("I am okay now. Thank you for reading. Me too.")]
    public void Find_LeavesOrdinaryStoryTextAlone(string text)
    {
        Assert.Empty(IdentifyingDetails.Find(text));
    }

    [Fact]
    public void Find_ReportsSeveralDetailsInTextOrder()
    {
        var text = "Email me at a@b.org or call +1 415 555 2671. My boss Michael Brennan did this on 4 July 2020.";

        var kinds = IdentifyingDetails.Find(text).Select(f => f.Kind).ToList();

        Assert.Equal([DetailKind.Email, DetailKind.Phone, DetailKind.FullName, DetailKind.Date], kinds);
    }

    [Fact]
    public void Find_DoesNotReportTheDomainOfAnEmailAsALinkOrTheAtAsAHandle()
    {
        var findings = IdentifyingDetails.Find("write to someone@example.com");

        var only = Assert.Single(findings);
        Assert.Equal(DetailKind.Email, only.Kind);
    }

    [Fact]
    public void Find_UsesTheStoryCountryForPhoneNumbersWithoutAPrefix()
    {
        var findings = IdentifyingDetails.Find("Ring 030 12345678 and ask for him.", "DE");

        Assert.Contains(findings, f => f.Kind == DetailKind.Phone);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Find_OfNothing_IsEmpty(string? text)
    {
        Assert.Empty(IdentifyingDetails.Find(text));
    }

    [Fact]
    public void Find_ChecksADisplayNameToo()
    {
        Assert.Contains(IdentifyingDetails.Find("Emma Thompson"), f => f.Kind == DetailKind.FullName);
        Assert.Empty(IdentifyingDetails.Find("Quiet River"));
    }

    [Fact]
    public void Find_HandlesAVeryLongTextWithoutTrouble()
    {
        var text = string.Concat(Enumerable.Repeat("I kept quiet for years and years. ", 600)) + " call 020 7946 0958";

        var findings = IdentifyingDetails.Find(text, "GB");

        Assert.Single(findings, f => f.Kind == DetailKind.Phone);
    }
}

using MeToo.Web.Privacy;

namespace MeToo.Tests.Privacy;

public sealed class ReceiptTests
{
    private static readonly byte[] Pepper = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void New_CarriesAtLeast80Bits_InGroupsOfFourCrockfordSymbols()
    {
        var receipt = Receipt.New();

        Assert.True(Receipt.Bits >= 80);
        Assert.Equal(Receipt.Symbols, receipt.Canonical.Length);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$", receipt.Display);
    }

    [Fact]
    public void New_IsDifferentEveryTime()
    {
        var receipts = Enumerable.Range(0, 1000).Select(_ => Receipt.New().Canonical).ToHashSet();

        Assert.Equal(1000, receipts.Count);
    }

    [Fact]
    public void TryParse_ReadsBackLowerCaseSpacesAndDashes()
    {
        var receipt = Receipt.New();
        var typed = string.Join("  ", receipt.Display.ToLowerInvariant().Split('-'));

        Assert.True(Receipt.TryParse(" " + typed + " ", out var parsed));
        Assert.Equal(receipt.Canonical, parsed.Canonical);
    }

    [Fact]
    public void TryParse_ReadsLookAlikeLettersAsCrockfordDoes()
    {
        Assert.True(Receipt.TryParse("O0IL-1111-2222-3333-4444", out var parsed));
        Assert.Equal("00111111222233334444", parsed.Canonical);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCD-EFGH")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TVWU")]
    [InlineData("<script>alert(1)</script>")]
    public void TryParse_RefusesAnythingElse(string? input)
    {
        Assert.False(Receipt.TryParse(input, out _));
    }

    [Fact]
    public void Hash_IsHmacUnderThePepper_AndTheSameForEveryWayOfTypingIt()
    {
        var hasher = new ReceiptHasher(Pepper);
        var receipt = Receipt.New();
        Assert.True(Receipt.TryParse(receipt.Display.ToLowerInvariant().Replace('-', ' '), out var typed));

        var expected = System.Security.Cryptography.HMACSHA256.HashData(Pepper, System.Text.Encoding.ASCII.GetBytes(receipt.Canonical));
        Assert.Equal(expected, hasher.Hash(receipt));
        Assert.Equal(hasher.Hash(receipt), hasher.Hash(typed));
    }

    [Fact]
    public void Hash_DependsOnThePepper()
    {
        var receipt = Receipt.New();
        var other = Pepper.Select(b => (byte)(b ^ 0xFF)).ToArray();

        Assert.NotEqual(new ReceiptHasher(Pepper).Hash(receipt), new ReceiptHasher(other).Hash(receipt));
    }

    [Fact]
    public void Hasher_RefusesAShortPepper()
    {
        Assert.Throws<ArgumentException>(() => new ReceiptHasher(new byte[16]));
    }

    [Fact]
    public void PublicIds_AreRandom_LowerCase_And80Bits()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => PublicId.New()).ToList();

        Assert.Equal(1000, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(PublicId.IsWellFormed(id), id));
        Assert.False(PublicId.IsWellFormed("ABCDEFGHJKMNPQRS"));
        Assert.False(PublicId.IsWellFormed("abc"));
    }
}

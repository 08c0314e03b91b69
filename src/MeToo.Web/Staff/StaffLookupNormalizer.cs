using MeToo.Web.Privacy;
using Microsoft.AspNetCore.Identity;

namespace MeToo.Web.Staff;

/// <summary>
/// How Identity compares user names and e-mail addresses: cleaned like every other line of text
/// (<see cref="TextCleaner.CleanLine"/>: invisible characters, noncharacters and odd spaces gone,
/// NFC), then upper case. Identity's own normaliser calls <c>string.Normalize</c>, which throws on a
/// noncharacter: a user name of U+FFFE typed into the sign-in form answered 500. A clean name —
/// every name the app creates — normalises exactly as before.
/// </summary>
public sealed class StaffLookupNormalizer : ILookupNormalizer
{
    public string? NormalizeName(string? name) => name is null ? null : TextCleaner.CleanLine(name).ToUpperInvariant();

    public string? NormalizeEmail(string? email) => NormalizeName(email);
}

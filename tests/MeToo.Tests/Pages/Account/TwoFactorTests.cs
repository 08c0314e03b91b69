using System.Net;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace MeToo.Tests.Pages.Account;

/// <summary>
/// Authenticator-app two-factor sign-in through the real pages, with the production default
/// (required outside Development) rather than the test default.
/// </summary>
public sealed class TwoFactorTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory()
        .With("RateLimits:SignInsPerAddress", "1000")
        .With("Staff:RequireTwoFactor", null);

    public void Dispose() => _app.Dispose();

    private static string Name() => "mod-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<(string Name, string Key, IReadOnlyList<string> RecoveryCodes)> ModeratorWithTwoFactorAsync()
    {
        var name = Name();
        await StaffJourney.CreateAsync(_app, name);
        var client = _app.CreateClient();
        await StaffJourney.SignInAsync(client, name);
        var (key, codes) = await StaffJourney.SetUpTwoFactorAsync(_app, client);
        return (name, key, codes);
    }

    /// <summary>
    /// What an authenticator app on a phone computes (RFC 6238: HMAC-SHA1 over the 30-second step,
    /// dynamic truncation, six digits), written out here without the library the app and the other
    /// tests use, so a change of algorithm, step or digits on either side locks staff out here first.
    /// </summary>
    private static string AuthenticatorAppCode(string base32Key, DateTimeOffset now)
    {
        var key = Base32Encoding.ToBytes(base32Key);
        var step = now.ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1; this is the app's side of it.
        var hash = System.Security.Cryptography.HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task ACodeFromAnAuthenticatorApp_SetsUpTwoFactor_AndSignsIn()
    {
        var name = Name();
        await StaffJourney.CreateAsync(_app, name);
        var client = _app.CreateClient();
        await StaffJourney.SignInAsync(client, name);
        var page = await Html.GetAsync(client, "/account/twofactor");
        var key = page.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

        var setUp = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(page, "form#authenticator-form"), Html.Values(("Code", AuthenticatorAppCode(key, _app.Time.GetUtcNow())))));
        _app.Time.Advance(TimeSpan.FromSeconds(30));
        var signedIn = await StaffJourney.SignInWithCodeAsync(_app.CreateClient(), name, AuthenticatorAppCode(key, _app.Time.GetUtcNow()));

        Assert.NotEmpty(setUp.QuerySelectorAll("#recovery-codes li"));
        Assert.Equal("/account", signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task OutsideDevelopment_AStaffMemberWithoutTwoFactor_IsSentToSetUpBeforeAnythingElse()
    {
        var name = Name();
        await StaffJourney.CreateAsync(_app, name);
        var client = _app.CreateClient();
        await StaffJourney.SignInAsync(client, name);

        var account = await client.GetAsync("/account");
        var setup = await Html.GetAsync(client, "/account/twofactor");

        Assert.Equal("/account/twofactor", account.Headers.Location?.OriginalString);
        var svg = setup.QuerySelector("svg.qr-code")!;
        Assert.NotNull(svg.QuerySelector("title"));
        Assert.True(svg.QuerySelector("path")!.GetAttribute("d")!.Length > 1000, "the QR code has no modules");
        Assert.Null(setup.QuerySelector("svg [style], svg[style]"));
        Assert.Matches("^([a-z2-7]{4} ?)+$", setup.QuerySelector("#authenticator-key")!.TextContent);
    }

    [Fact]
    public async Task SettingUp_NeedsARightCode_ThenShowsRecoveryCodesOnce_AndIsAudited()
    {
        var name = Name();
        await StaffJourney.CreateAsync(_app, name);
        var client = _app.CreateClient();
        await StaffJourney.SignInAsync(client, name);
        var page = await Html.GetAsync(client, "/account/twofactor");

        var wrong = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(page, "form#authenticator-form"), Html.Values(("Code", "000000"))));
        var (_, codes) = await StaffJourney.SetUpTwoFactorAsync(_app, client);
        var later = await Html.GetAsync(client, "/account/twofactor");

        Assert.NotNull(wrong.QuerySelector("#two-factor-error"));
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Empty(later.QuerySelectorAll("#recovery-codes li"));
        Assert.Contains("10", later.QuerySelector("#recovery-codes-left")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == name && e.Action == StaffActions.TwoFactorEnabled)));
    }

    [Fact]
    public async Task SigningIn_AsksForTheCodeAfterThePassword_AndThePasswordAloneReachesNothing()
    {
        var (name, key, _) = await ModeratorWithTwoFactorAsync();
        var client = _app.CreateClient();

        var password = await StaffJourney.SignInAsync(client, name);
        var meanwhile = await client.GetAsync("/account");
        var form = Html.Form(await Html.GetAsync(client, "/account/loginwithcode"), "form#two-factor-form");
        var code = await Html.SubmitAsync(client, form, Html.Values(("Code", StaffJourney.CodeFor(_app, key))));

        Assert.Equal("/account/loginwithcode", password.Headers.Location?.OriginalString);
        Assert.True(StaffJourney.WentToLogin(meanwhile));
        Assert.Equal("/account", code.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);
        var cookies = code.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("__Host-metoo-staff=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("__Host-metoo-staff-2fa=;", StringComparison.Ordinal)); // the step's cookie is cleared
    }

    [Fact]
    public async Task AReusedAuthenticatorCode_IsRefused_AndTheNextCodeWorks()
    {
        var (name, key, _) = await ModeratorWithTwoFactorAsync();
        var code = StaffJourney.CodeFor(_app, key);

        var first = await StaffJourney.SignInWithCodeAsync(_app.CreateClient(), name, code);
        var again = await StaffJourney.SignInWithCodeAsync(_app.CreateClient(), name, code);
        _app.Time.Advance(TimeSpan.FromSeconds(30));
        var next = await StaffJourney.SignInWithCodeAsync(_app.CreateClient(), name, StaffJourney.CodeFor(_app, key));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotNull((await Html.ParseAsync(again)).QuerySelector("#code-error"));
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
    }

    [Fact]
    public async Task TheCodeFromAnEarlierStep_IsRefusedOnceALaterOneWasUsed()
    {
        var (name, key, _) = await ModeratorWithTwoFactorAsync();
        var previous = StaffJourney.CodeFor(_app, key, stepsFromNow: -1);

        var current = await StaffJourney.SignInWithCodeAsync(_app.CreateClient(), name, StaffJourney.CodeFor(_app, key));
        var older = await StaffJourney.SignInWithCodeAsync(_app.CreateClient(), name, previous);

        Assert.Equal(HttpStatusCode.Redirect, current.StatusCode);
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
    }

    [Fact]
    public async Task ARecoveryCode_WorksOnce()
    {
        var (name, _, codes) = await ModeratorWithTwoFactorAsync();

        var first = await StaffJourney.SignInWithCodeAsync(_app.CreateClient(), name, codes[3]);
        var again = await StaffJourney.SignInWithCodeAsync(_app.CreateClient(), name, codes[3]);
        var lower = await StaffJourney.SignInWithCodeAsync(_app.CreateClient(), name, " " + codes[4].ToLowerInvariant() + " ");

        Assert.Equal("/account", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, lower.StatusCode);
        Assert.Equal(2, await _app.WithDbAsync(db => db.StaffAudit.CountAsync(e => e.Actor == name && e.Action == StaffActions.RecoveryCodeUsed)));
    }

    [Fact]
    public async Task WrongCodes_LockTheAccountLikeWrongPasswords()
    {
        var (name, key, _) = await ModeratorWithTwoFactorAsync();
        var client = _app.CreateClient();
        await StaffJourney.SignInAsync(client, name);
        var form = Html.Form(await Html.GetAsync(client, "/account/loginwithcode"), "form#two-factor-form");

        for (var i = 0; i < 5; i++)
        {
            await Html.SubmitAsync(client, form, Html.Values(("Code", $"{i}{i}{i}{i}{i}{i}")));
        }

        var right = await Html.SubmitAsync(client, form, Html.Values(("Code", StaffJourney.CodeFor(_app, key))));

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == name && e.Action == StaffActions.LockedOut)));
    }

    [Fact]
    public async Task TheCodeStep_LastsFiveMinutes()
    {
        var (name, key, _) = await ModeratorWithTwoFactorAsync();
        var client = _app.CreateClient();
        await StaffJourney.SignInAsync(client, name);
        var form = Html.Form(await Html.GetAsync(client, "/account/loginwithcode"), "form#two-factor-form");

        _app.Time.Advance(TimeSpan.FromMinutes(6));
        var late = await Html.ParseAsync(await Html.SubmitAsync(client, form, Html.Values(("Code", StaffJourney.CodeFor(_app, key)))));

        Assert.NotNull(late.QuerySelector("#code-step-expired"));
        Assert.True(StaffJourney.WentToLogin(await client.GetAsync("/account")));
    }

    [Fact]
    public async Task TheCodePage_WithoutThePasswordStep_SignsNobodyIn()
    {
        var (name, key, _) = await ModeratorWithTwoFactorAsync();
        var client = _app.CreateClient();

        var page = await Html.GetAsync(client, "/account/loginwithcode");
        var post = await client.PostAsync("/account/loginwithcode", new FormUrlEncodedContent([new("Code", StaffJourney.CodeFor(_app, key))]));

        Assert.NotNull(page.QuerySelector("#code-step-expired"));
        Assert.Null(page.QuerySelector("form#two-factor-form"));
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        Assert.True(StaffJourney.WentToLogin(await client.GetAsync("/account")));
        Assert.False(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == name && e.Action == StaffActions.SignInSucceeded && e.AtUtc > _app.Time.GetUtcNow().UtcDateTime.AddSeconds(-5))));
    }

    [Fact]
    public async Task ASessionSignedInWithACode_StaysValidAcrossTheMinutelyStampCheck()
    {
        var (name, key, _) = await ModeratorWithTwoFactorAsync();
        var client = _app.CreateClient();
        await StaffJourney.SignInWithCodeAsync(client, name, StaffJourney.CodeFor(_app, key));

        _app.Time.Advance(TimeSpan.FromSeconds(90));
        var first = await client.GetAsync("/account");
        _app.Time.Advance(TimeSpan.FromSeconds(90));
        var second = await client.GetAsync("/account");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task MovingToANewPhone_NeedsACurrentCode_ForgetsTheOldKey_AndAsksForSetUpAgain()
    {
        var (name, key, codes) = await ModeratorWithTwoFactorAsync();
        var client = _app.CreateClient();
        await StaffJourney.SignInWithCodeAsync(client, name, StaffJourney.CodeFor(_app, key));
        _app.Time.Advance(TimeSpan.FromSeconds(30));
        var page = await Html.GetAsync(client, "/account/twofactor");

        var refused = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(page, "form#reset-two-factor-form"), Html.Values(("Code", "123456"))));
        var reset = await Html.SubmitAsync(client, Html.Form(page, "form#reset-two-factor-form"), Html.Values(("Code", codes[0])));
        var setupAgain = await Html.GetAsync(client, "/account/twofactor");
        var elsewhere = await client.GetAsync("/account");

        Assert.NotNull(refused.QuerySelector("#two-factor-error"));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.NotNull(setupAgain.QuerySelector("form#authenticator-form"));
        Assert.NotEqual(key, setupAgain.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant());
        Assert.Equal("/account/twofactor", elsewhere.Headers.Location?.OriginalString);
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == name && e.Action == StaffActions.TwoFactorDisabled)));
    }

    [Fact]
    public async Task NewRecoveryCodes_ReplaceTheOldOnes()
    {
        var (name, key, codes) = await ModeratorWithTwoFactorAsync();
        var client = _app.CreateClient();
        await StaffJourney.SignInWithCodeAsync(client, name, StaffJourney.CodeFor(_app, key));
        _app.Time.Advance(TimeSpan.FromSeconds(30));
        var page = await Html.GetAsync(client, "/account/twofactor");

        var renewed = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(page, "form#recovery-codes-form"), Html.Values(("Code", StaffJourney.CodeFor(_app, key)))));
        var fresh = renewed.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();

        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(codes));
        Assert.Equal(HttpStatusCode.OK, (await StaffJourney.SignInWithCodeAsync(_app.CreateClient(), name, codes[1])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await StaffJourney.SignInWithCodeAsync(_app.CreateClient(), name, fresh[1])).StatusCode);
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == name && e.Action == StaffActions.RecoveryCodesRenewed)));
    }

    [Fact]
    public async Task TheAuditLog_HoldsNoCodesOrPasswords()
    {
        var (name, key, codes) = await ModeratorWithTwoFactorAsync();
        var code = StaffJourney.CodeFor(_app, key);
        await StaffJourney.SignInWithCodeAsync(_app.CreateClient(), name, code);
        await StaffJourney.SignInWithCodeAsync(_app.CreateClient(), name, codes[0]);

        var entries = await _app.WithDbAsync(db => db.StaffAudit.ToListAsync());
        var text = string.Join("\n", entries.Select(e => $"{e.Actor} {e.ActorRole} {e.Action} {e.Target} {e.ReasonCode}"));

        Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        Assert.DoesNotContain(codes[0], text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(StaffJourney.Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(key, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheAuthenticatorKeyAndRecoveryCodes_AreStoredEncrypted_SoTheDatabaseAloneDoesNotPassTwoFactor()
    {
        var (name, key, codes) = await ModeratorWithTwoFactorAsync();

        var files = await Files.DatabaseFilesAsync(_app);
        var tokens = await _app.WithDbAsync(db => db.UserTokens.Select(t => t.Value).ToListAsync());
        var signedIn = await StaffJourney.SignInWithCodeAsync(_app.CreateClient(), name, StaffJourney.CodeFor(_app, key));
        var recovered = await StaffJourney.SignInWithCodeAsync(_app.CreateClient(), name, codes[0]);

        foreach (var (file, bytes) in files)
        {
            Assert.False(Files.Contains(bytes, key), $"the authenticator key is in {file}");
            Assert.False(codes.Any(code => Files.Contains(bytes, code)), $"a recovery code is in {file}");
        }

        Assert.Equal(2, tokens.Count);
        Assert.All(tokens, t => Assert.StartsWith(MeToo.Web.Staff.StaffUserStore.ProtectedPrefix, t, StringComparison.Ordinal));
        Assert.Equal("/account", signedIn.Headers.Location?.OriginalString);
        Assert.Equal("/account", recovered.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AnEncryptedKeyCopiedOntoAnotherAccount_DoesNotOpenThere()
    {
        var (_, _, _) = await ModeratorWithTwoFactorAsync();
        var other = Name();
        await StaffJourney.CreateAsync(_app, other);

        var copied = await _app.WithDbAsync(async db =>
        {
            var token = await db.UserTokens.FirstAsync(t => t.Name == "AuthenticatorKey");
            var otherId = await db.Users.Where(u => u.UserName == other).Select(u => u.Id).SingleAsync();
            db.UserTokens.Add(new Microsoft.AspNetCore.Identity.IdentityUserToken<string> { UserId = otherId, LoginProvider = token.LoginProvider, Name = token.Name, Value = token.Value });
            await db.SaveChangesAsync();
            using var scope = _app.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>();
            try
            {
                return await users.GetAuthenticatorKeyAsync((await users.FindByNameAsync(other))!);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                return null;
            }
        });

        Assert.Null(copied);
    }

    [Fact]
    public async Task AKeyStoredInPlainTextByAnEarlierVersion_IsEncryptedAtStartUp_AndStillSignsIn()
    {
        var (name, key, _) = await ModeratorWithTwoFactorAsync();
        await _app.WithDbAsync(db => db.UserTokens.Where(t => t.Name == "AuthenticatorKey").ExecuteUpdateAsync(set => set.SetProperty(t => t.Value, key)));

        var protectedNow = await _app.WithDbAsync(async db =>
        {
            using var scope = _app.Services.CreateScope();
            return await MeToo.Web.Staff.StaffUserStore.ProtectStoredTokensAsync(db, scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>());
        });
        var stored = await _app.WithDbAsync(db => db.UserTokens.Where(t => t.Name == "AuthenticatorKey").Select(t => t.Value).SingleAsync());
        var signedIn = await StaffJourney.SignInWithCodeAsync(_app.CreateClient(), name, StaffJourney.CodeFor(_app, key));

        Assert.Equal(1, protectedNow);
        Assert.StartsWith(MeToo.Web.Staff.StaffUserStore.ProtectedPrefix, stored, StringComparison.Ordinal);
        Assert.Equal("/account", signedIn.Headers.Location?.OriginalString);
    }
}

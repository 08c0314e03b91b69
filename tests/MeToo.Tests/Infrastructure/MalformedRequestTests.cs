using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MeToo.Tests.Harness;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MeToo.Tests.Infrastructure;

/// <summary>
/// Malformed requests on every route the app maps — odd methods, bodies, content types, encodings,
/// header sizes, repeated parameters — are answered 4xx (or served), never 5xx: no client input may
/// make the app fail. The routes come from the app's own endpoint table, so a new page is covered
/// the day it is added.
/// </summary>
public sealed class MalformedRequestTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string KnownStory = "zzzzzzzzzzzzzzzz";

    /// <summary>A body for a request: its name, content type and bytes.</summary>
    private sealed record Body(string Name, string? ContentType, byte[] Bytes);

    public static TheoryData<string> BodyNames() => [.. AllBodies().Select(b => b.Name)];

    private static List<Body> AllBodies()
    {
        var manyFields = string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=x"));
        var bigField = "Draft.Body=" + new string('a', 2 * 1024 * 1024);
        return
        [
            new Body("1,100 form fields", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes(manyFields)),
            new Body("a 2 MB field", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes(bigField)),
            new Body("multipart without a boundary", "multipart/form-data", Encoding.ASCII.GetBytes("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--")),
            new Body("multipart with a broken body", "multipart/form-data; boundary=xyz", Encoding.ASCII.GetBytes("--xyz\r\nno headers at all")),
            new Body("multipart without its closing boundary", "multipart/form-data; boundary=xyz", Encoding.ASCII.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"Draft.Body\"\r\n\r\nsome text\r\n")),
            new Body("multipart cut inside a part's headers", "multipart/form-data; boundary=xyz", Encoding.ASCII.GetBytes("--xyz\r\nContent-Disposition: form-da")),
            new Body("multipart with a file part cut short", "multipart/form-data; boundary=xyz", Encoding.ASCII.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nabc")),
            new Body("multipart with an empty boundary", "multipart/form-data; boundary=", Encoding.ASCII.GetBytes("--\r\n\r\n--")),
            new Body("a form cut inside a percent sign", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes("Draft.Body=abc%E2%8")),
            new Body("text/plain", "text/plain", Encoding.ASCII.GetBytes("Draft.Body=abc")),
            new Body("XML", "application/xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>")),
            new Body("bad percent-encoding", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes("Draft.Body=%zz%%&Reason=%E0%A4%A&Note=%")),
            new Body("invalid UTF-8", "application/x-www-form-urlencoded", [.. "Draft.Body="u8.ToArray(), 0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80]),
            new Body("NUL and noncharacters", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("Draft.Body=" + Uri.EscapeDataString("a\u0000b\uFFFE\uFFFFc\uFDD0") + "&Note=%00%EF%BF%BE")),
            new Body("JSON", "application/json", Encoding.UTF8.GetBytes("{\"Draft\":{\"Body\":[1,2,{\"x\":null}]}}")),
            new Body("an unknown charset", "application/x-www-form-urlencoded; charset=klingon", Encoding.ASCII.GetBytes("a=b")),
            new Body("no content type", null, Encoding.ASCII.GetBytes("a=b")),
            new Body("an empty body", "application/x-www-form-urlencoded", []),
        ];
    }

    /// <summary>Every route of the app, with a story id that does not exist and codes that do.</summary>
    private IReadOnlyList<string> Urls()
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        return [.. source.Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .Select(route => Regex.Replace(route, @"\{([^}:?]+)[^}]*\}", m => m.Groups[1].Value switch
            {
                "publicId" => KnownStory,
                "code" => "999",
                _ => "x",
            }))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Append("/error/500")
            .Append("/error/-1")];
    }

    private static bool IsServerError(HttpResponseMessage response) => (int)response.StatusCode >= 500;

    [Theory]
    [MemberData(nameof(BodyNames))]
    public async Task AMalformedBody_OnAnyRoute_IsNeverAServerError(string name)
    {
        var body = AllBodies().Single(b => b.Name == name);
        var client = app.CreateClient();
        var failures = new List<string>();
        foreach (var url in Urls())
        {
            foreach (var handler in new[] { string.Empty, "?handler=Preview", "?handler=Submit", "?handler=Redact" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url + handler) { Content = new ByteArrayContent(body.Bytes) };
                if (body.ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
                }

                var response = await client.SendAsync(request);
                if (IsServerError(response))
                {
                    failures.Add($"POST {url}{handler} → {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{body.Name}:\n" + string.Join('\n', failures));
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    [InlineData("HEAD")]
    [InlineData("PROPFIND")]
    [InlineData("TRACE")]
    [InlineData("TRACK")]
    [InlineData("GET")]
    [InlineData("QUERY")]
    public async Task AnOddMethod_OnAnyRoute_WithEveryMalformedBody_IsNeverAServerError(string method)
    {
        var client = app.CreateClient();
        var failures = new List<string>();
        foreach (var url in Urls())
        {
            foreach (var body in AllBodies().Prepend(new Body("a word", "text/plain", "x"u8.ToArray())))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = method is "HEAD" ? null : new ByteArrayContent(body.Bytes) };
                if (request.Content is not null && body.ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
                }

                var response = await client.SendAsync(request);
                if (IsServerError(response))
                {
                    failures.Add($"{method} {url} with {body.Name} → {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
    }

    [Theory]
    [InlineData("?q=a&q=b&page=1&page=x&sort=relevant&sort=supported")]
    [InlineData("?after=20260101-zzzzzzzzzzzzzzzz&after=r5&before=x&by=week&by=%00")]
    [InlineData("?setting=workplace&setting=school&year=99999999999&country=%FF%FE")]
    [InlineData("?page=-2147483648&year=-1&after=r99999999999")]
    [InlineData("?q=%00%EF%BF%BE%EF%BF%BF&q=%22%2A%28NEAR")]
    [InlineData("?handler=Open&handler=Edit&ReceiptCode=x&ReceiptCode=y")]
    public async Task RepeatedAndOddParameters_OnAnyRoute_AreNeverAServerError(string query)
    {
        var client = app.CreateClient();
        var failures = new List<string>();
        foreach (var url in Urls())
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                using var request = new HttpRequestMessage(method, url + query) { Content = method == HttpMethod.Post ? new FormUrlEncodedContent([]) : null };
                var response = await client.SendAsync(request);
                if (IsServerError(response))
                {
                    failures.Add($"{method} {url}{query} → {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task OddHeaders_AreNeverAServerError()
    {
        var client = app.CreateClient();
        var failures = new List<string>();
        foreach (var url in Urls())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept-Language", new string('x', 8000) + ";q=abc, *;q=-1");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "br;q=NaN, gzip;q=2, identity;q=0, *;q=0");
            request.Headers.TryAddWithoutValidation("Cookie", "metoo-af=%%%; __Host-metoo-staff=" + new string('A', 4000));
            request.Headers.TryAddWithoutValidation("If-Modified-Since", "yesterday");
            request.Headers.TryAddWithoutValidation("Range", "bytes=9999999-1");
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", "not an address, 999.1.1.1");
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "\u00FF");
            var response = await client.SendAsync(request);
            if (IsServerError(response))
            {
                failures.Add($"GET {url} → {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [InlineData("/error/999")]
    [InlineData("/error/500")]
    [InlineData("/error")]
    public async Task VisitingAnErrorPageDirectly_IsNotFound_NotAServerError(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ABodyOverItsLimit_IsTooLarge_WithTheFriendlyPage()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/share?handler=Preview")
        {
            Content = new FormUrlEncodedContent([new("Draft.Body", new string('a', 2 * 1024 * 1024))]),
        };

        var response = await app.CreateClient().SendAsync(request);
        var page = await Html.ParseAsync(response);

        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{response.StatusCode}: {page.Body?.TextContent}\n{string.Join("\n", app.Logs.RenderedEvents().TakeLast(5))}");
        Assert.Contains("too much to send", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }
}

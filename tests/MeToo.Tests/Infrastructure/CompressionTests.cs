using System.IO.Compression;
using System.Net;
using System.Text;
using MeToo.Tests.Harness;

namespace MeToo.Tests.Infrastructure;

/// <summary>
/// Brotli and gzip for public pages and static files only; never beside an anti-forgery token or a
/// receipt (BREACH); and a warm cache never hands compressed bytes to a client that did not ask for them.
/// </summary>
public sealed class CompressionTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<HttpResponseMessage> GetAsync(string url, string? acceptEncoding, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        return await (client ?? app.CreateClient()).SendAsync(request);
    }

    private static async Task<string> TextOfAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Stream body = new MemoryStream(bytes);
        var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        body = encoding switch
        {
            "br" => new BrotliStream(body, CompressionMode.Decompress),
            "gzip" => new GZipStream(body, CompressionMode.Decompress),
            _ => body,
        };
        using var reader = new StreamReader(body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    [Theory]
    [InlineData("/stories", "br, gzip", "br")]
    [InlineData("/stories", "gzip", "gzip")]
    [InlineData("/", "gzip;q=1, br;q=0.5", "gzip")]
    [InlineData("/help", "br", "br")]
    [InlineData("/feed.atom", "br", "br")]
    [InlineData("/css/site.css", "br, gzip", "br")]
    [InlineData("/js/site.js", "gzip", "gzip")]
    public async Task PublicPagesAndStaticFiles_AreCompressed(string url, string acceptEncoding, string expected)
    {
        var response = await GetAsync(url, acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentEncoding.Single());
        Assert.True((await TextOfAsync(response)).Length > 100);
    }

    /// <summary>The encoding the cache keys a public page on: what the compression middleware will choose.</summary>
    [Theory]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip;q=1, br;q=0.5", "gzip")]
    [InlineData("BR;q=0.8, GZIP;q=0.8", "br")]
    [InlineData("deflate", "identity")]
    [InlineData("*", "br")]
    [InlineData("br;q=0, *", "gzip")]
    [InlineData("*;q=0, br;q=0.1", "br")]
    [InlineData("*;q=0", "identity")]
    [InlineData("br;q=0, gzip;q=0", "identity")]
    [InlineData("", "identity")]
    [InlineData(null, "identity")]
    public void TheNegotiatedEncoding_IsTheHighestQualityOfBrAndGzip_BrFirstWhenEqual(string? acceptEncoding, string expected)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        if (acceptEncoding is not null)
        {
            context.Request.Headers.AcceptEncoding = acceptEncoding;
        }

        Assert.Equal(expected, MeToo.Web.Infrastructure.Compression.Negotiated(context));
    }

    [Theory]
    [InlineData("/share")]
    [InlineData("/my-story")]
    [InlineData("/account/login")]
    public async Task PagesWithATokenOrAReceipt_AreNeverCompressed(string url)
    {
        var response = await GetAsync(url, "br, gzip");
        var html = await TextOfAsync(response);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReceiptPage_IsNeverCompressed()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        var preview = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", Journeys.SampleBody + Guid.NewGuid())));

        var receipt = await Html.SubmitAsync(client, Html.Form(preview, "form#share-form"));

        Assert.Empty(receipt.Content.Headers.ContentEncoding);
        Assert.Contains("receipt-code", await receipt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The output cache does not vary on Accept-Encoding by itself (dotnet/aspnetcore#45998).</summary>
    [Fact]
    public async Task AWarmCache_GivesPlainBytesToAClientThatAsksForNone()
    {
        await app.CachingAsync();
        var url = "/stories?setting=school";
        var compressed = await GetAsync(url, "br");
        var plain = await GetAsync(url, null);
        var plainAgain = await GetAsync(url, "identity");
        var brAgain = await GetAsync(url, "br");

        Assert.Equal("br", compressed.Content.Headers.ContentEncoding.Single());
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.StartsWith("<!DOCTYPE html>", Encoding.UTF8.GetString(await plain.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Empty(plainAgain.Content.Headers.ContentEncoding);
        Assert.NotNull(plainAgain.Headers.Age); // from the cache, and still plain
        Assert.NotNull(brAgain.Headers.Age);
        Assert.Equal("br", brAgain.Content.Headers.ContentEncoding.Single());
    }
}

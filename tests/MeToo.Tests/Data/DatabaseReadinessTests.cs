using MeToo.Web.Data;
using Microsoft.AspNetCore.Http;

namespace MeToo.Tests.Data;

/// <summary>
/// The door every request passes while the database is made ready at start-up, beside the server
/// that already listens (docs/performance.md, start-up).
/// </summary>
public sealed class DatabaseReadinessTests
{
    private readonly TaskCompletionSource _initialization = new();
    private readonly DatabaseReadiness _readiness = new();
    private readonly DefaultHttpContext _context = new();
    private bool _served;

    public DatabaseReadinessTests() => _readiness.Follow(_initialization.Task);

    /// <summary>A request at the door, whose next step notes that it was served.</summary>
    private Task Request() => _readiness.WaitAsync(_context, _ =>
    {
        _served = true;
        return Task.CompletedTask;
    });

    [Fact]
    public async Task ARequestBeforeTheDatabaseIsReady_Waits_ThenIsServed()
    {
        var request = Request();
        var started = _readiness.StartedAsync(CancellationToken.None);
        await Task.Delay(100);

        Assert.False(_served, "a request was served before the database was ready");
        Assert.False(request.IsCompleted);
        Assert.False(started.IsCompleted, "the host reported itself started before the database was ready");

        _initialization.SetResult();
        await request.WaitAsync(TimeSpan.FromSeconds(10));
        await started.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(_served);
        Assert.Equal(StatusCodes.Status200OK, _context.Response.StatusCode);
    }

    [Fact]
    public async Task WhenTheDatabaseCannotBeMadeReady_AWaitingRequestIsAnswered503_AndTheStartFails()
    {
        var request = Request();
        var job = _readiness.WaitForAsync(CancellationToken.None);

        _initialization.SetException(new InvalidOperationException("file is not a database"));
        await request.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(_served);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, _context.Response.StatusCode);
        Assert.False(await job, "a background job went on although the database could not be made ready");
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => _readiness.StartedAsync(CancellationToken.None));
        Assert.Equal("file is not a database", failure.Message);
    }
}

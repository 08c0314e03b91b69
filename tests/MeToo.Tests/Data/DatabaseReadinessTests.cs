using MeToo.Web.Data;
using Microsoft.AspNetCore.Http;

namespace MeToo.Tests.Data;

/// <summary>
/// The door every request passes while the database is made ready at start-up, beside the server
/// that already listens (docs/performance.md, start-up).
/// </summary>
public sealed class DatabaseReadinessTests
{
    [Fact]
    public async Task ARequestBeforeTheDatabaseIsReady_Waits_ThenIsServed()
    {
        var initialization = new TaskCompletionSource();
        var readiness = new DatabaseReadiness();
        readiness.Follow(initialization.Task);
        var context = new DefaultHttpContext();
        var served = false;

        var request = readiness.WaitAsync(context, _ =>
        {
            served = true;
            return Task.CompletedTask;
        });
        var started = readiness.StartedAsync(CancellationToken.None);
        await Task.Delay(100);

        Assert.False(served, "a request was served before the database was ready");
        Assert.False(request.IsCompleted);
        Assert.False(started.IsCompleted, "the host reported itself started before the database was ready");

        initialization.SetResult();
        await request.WaitAsync(TimeSpan.FromSeconds(10));
        await started.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(served);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    [Fact]
    public async Task WhenTheDatabaseCannotBeMadeReady_AWaitingRequestIsAnswered503_AndTheStartFails()
    {
        var initialization = new TaskCompletionSource();
        var readiness = new DatabaseReadiness();
        readiness.Follow(initialization.Task);
        var context = new DefaultHttpContext();
        var served = false;
        var request = readiness.WaitAsync(context, _ =>
        {
            served = true;
            return Task.CompletedTask;
        });
        var job = readiness.WaitForAsync(CancellationToken.None);

        initialization.SetException(new InvalidOperationException("file is not a database"));
        await request.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(served);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.False(await job, "a background job went on although the database could not be made ready");
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => readiness.StartedAsync(CancellationToken.None));
        Assert.Equal("file is not a database", failure.Message);
    }
}

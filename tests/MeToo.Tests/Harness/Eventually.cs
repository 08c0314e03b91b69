namespace MeToo.Tests.Harness;

public static class Eventually
{
    /// <summary>
    /// Waits (up to five seconds) for something the app does after the response has reached the
    /// client, such as the request log line written when the middleware unwinds.
    /// </summary>
    public static Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done) => WaitForAsync(read, done, TimeSpan.FromSeconds(5));

    public static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var value = read();
        for (var i = 0; i < limit.TotalMilliseconds / 100 && !done(value); i++)
        {
            await Task.Delay(100);
            value = read();
        }

        return value;
    }

    /// <summary>Waits, reading again every 100 ms up to <paramref name="limit"/>, for something read asynchronously.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var value = await read();
        var until = DateTime.UtcNow + limit;
        while (!done(value) && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
            value = await read();
        }

        return value;
    }

    /// <summary>
    /// Moves a fake clock on by <paramref name="step"/> until <paramref name="done"/> holds (at most
    /// <paramref name="steps"/> times). Background services create their timers on their own thread
    /// some time after the host starts, so one jump of the clock may come before the timer exists.
    /// </summary>
    public static async Task<T> AdvanceUntilAsync<T>(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, TimeSpan step, Func<T> read, Func<T, bool> done, int steps = 30)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var value = read();
        for (var i = 0; i < steps && !done(value); i++)
        {
            time.Advance(step);
            value = await WaitForAsync(read, done, TimeSpan.FromMilliseconds(500));
        }

        return value;
    }
}

namespace MeToo.Tests.Infrastructure;

public static class Eventually
{
    /// <summary>
    /// Waits (up to five seconds) for something the app does after the response has reached the
    /// client, such as the request log line written when the middleware unwinds.
    /// </summary>
    public static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var value = read();
        for (var i = 0; i < 50 && !done(value); i++)
        {
            await Task.Delay(100);
            value = read();
        }

        return value;
    }
}

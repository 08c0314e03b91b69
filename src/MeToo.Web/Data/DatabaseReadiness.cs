namespace MeToo.Web.Data;

/// <summary>
/// The database made ready at start-up (<see cref="DatabaseInitializer"/>, on a thread of its own)
/// while the host starts: the pipeline is built and Kestrel listens meanwhile, so the two overlap
/// instead of adding up before the first answer (docs/performance.md, start-up). Until it is ready,
/// a request waits at the pipeline's door (<see cref="WaitAsync"/>) and every background job waits
/// before its first step; the host reports itself started (and <c>ApplicationStarted</c> fires) only
/// once it is ready, so whoever waits for the start finds the database migrated. If making it ready
/// fails, the start fails with that exception and the waiting requests are answered 503.
/// </summary>
public sealed class DatabaseReadiness : IHostedLifecycleService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the database is ready; faults as its initialisation did.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Follows the start-up's initialisation of the database.</summary>
    public void Follow(Task initialization)
    {
        ArgumentNullException.ThrowIfNull(initialization);
        initialization.ContinueWith(
            done =>
            {
                if (done.Exception is { } failed)
                {
                    _ready.TrySetException(failed.InnerExceptions);
                }
                else
                {
                    _ready.TrySetResult();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// For a background job's first step: true once the database is ready; false if it could not be
    /// made ready (the start fails with its own message, and the job has nothing to do).
    /// </summary>
    public async Task<bool> WaitForAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Ready.WaitAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The pipeline's first step: nothing is served before the database is ready.</summary>
    public Task WaitAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return Ready.IsCompletedSuccessfully ? next(context) : WaitThenAsync(context, next);
    }

    private async Task WaitThenAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await Ready.WaitAsync(context.RequestAborted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The start failed and the host is stopping: say so plainly, not as our fault's 500.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        await next(context);
    }

    /// <summary>Runs after every hosted service has started (the server listens by then): the start is complete when the database is ready.</summary>
    public Task StartedAsync(CancellationToken cancellationToken) => Ready.WaitAsync(cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

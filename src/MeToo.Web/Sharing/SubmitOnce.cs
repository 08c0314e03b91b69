using System.Security.Cryptography;
using System.Text;
using MeToo.Web.Privacy;
using Microsoft.Extensions.Caching.Memory;

namespace MeToo.Web.Sharing;

/// <summary>Makes the share form's final step happen once per preview (<see cref="SubmitOnce"/>, <see cref="PostgresSubmitOnce"/>).</summary>
public interface ISubmitOnce
{
    /// <summary>
    /// Runs <paramref name="create"/> once for <paramref name="key"/>. A repeat gets the first run's
    /// receipt. When <paramref name="create"/> declines (returns null: a limit, a pause) the key is
    /// released, so the author can send the same preview again later. A malformed key runs
    /// <paramref name="create"/> unguarded.
    /// </summary>
    Task<Receipt?> RunAsync(string? key, Func<Task<Receipt?>> create);
}

/// <summary>
/// Makes the share form's final step happen once per preview, on one machine. The preview hands out a random key;
/// the first submit with it claims the key before the story is created, and any repeat — a refresh
/// of the receipt page, a double click, a retry after a lost answer — waits for that first submit
/// and shows the same receipt. Kept in this process's memory for half an hour, under a hash of the
/// key: never on disk.
/// </summary>
public sealed class SubmitOnce(IMemoryCache cache) : ISubmitOnce
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(30);

    private readonly object _gate = new();

    /// <summary>A fresh key for a preview.</summary>
    public static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public async Task<Receipt?> RunAsync(string? key, Func<Task<Receipt?>> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (CacheKey(key) is not { } cacheKey)
        {
            return await create();
        }

        var mine = new TaskCompletionSource<Receipt?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<Receipt?>? first;
        lock (_gate)
        {
            if (!cache.TryGetValue(cacheKey, out first) || first is null)
            {
                cache.Set(cacheKey, mine.Task, KeptFor);
                first = null;
            }
        }

        if (first is not null)
        {
            var earlier = await first;
            return earlier ?? await RunAsync(key, create);
        }

        try
        {
            var receipt = await create();
            if (receipt is null)
            {
                cache.Remove(cacheKey);
            }

            mine.SetResult(receipt);
            return receipt;
        }
        catch (Exception exception)
        {
            cache.Remove(cacheKey);
            mine.SetException(exception);
            throw;
        }
    }

    /// <summary>The memory-cache key: a hash of the random key, never the key itself.</summary>
    private static string? CacheKey(string? key) =>
        IsWellFormed(key) ? "share-submission:" + Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(key!))) : null;

    /// <summary>What <see cref="NewKey"/> makes: 32 lower-case hex digits.</summary>
    public static bool IsWellFormed(string? key) => key is { Length: 32 } && key.All(char.IsAsciiHexDigitLower);
}

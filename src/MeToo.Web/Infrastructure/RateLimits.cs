using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// Limits kept in memory only (privacy rule 1): the client address is a partition key in the
/// limiter's memory, never written anywhere. Tests set their own numbers through configuration.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Stories one client may submit per window.</summary>
    public int SharePerClient { get; set; } = 5;

    /// <summary>Stories all clients together may submit per window: a ceiling against floods.</summary>
    public int ShareGlobal { get; set; } = 300;

    public TimeSpan ShareWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Receipts one client may get wrong per window at /my-story (right ones cost nothing).</summary>
    public int ReceiptLookupsPerClient { get; set; } = 30;

    public TimeSpan ReceiptLookupWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts (password or code) one address may make per window, whatever the account.</summary>
    public int SignInsPerAddress { get; set; } = 20;

    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Reports one client may send per window, whatever the story.</summary>
    public int ReportsPerClient { get; set; } = 20;

    public TimeSpan ReportWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Supports and #MeToo taps one address may add per day, whatever its browsers (a shelter's or a campus's address shares it).</summary>
    public int TapsPerAddressPerDay { get; set; } = 500;

    /// <summary>
    /// An IPv6 /56 — one home connection is commonly given one — may add this many times what one
    /// /64 may (taps and shares): a household cannot multiply its budget by using its other /64s.
    /// </summary>
    public int Slash56Multiple { get; set; } = 4;

    /// <summary>An IPv6 /48 — commonly one site, a campus or a company — may add this many times what one /64 may.</summary>
    public int Slash48Multiple { get; set; } = 16;

    /// <summary>Searches one address may make per window (a campus or a shelter shares one address).</summary>
    public int SearchesPerAddress { get; set; } = 120;

    public TimeSpan SearchWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Searches running at once, for everyone: more wait in a short queue, and beyond it are answered
    /// 429. One core is left to everything else by default (one search at once on two cores): a
    /// search is CPU work in SQLite on a thread it holds, so searches on every core make every other
    /// page wait for a core (measured: with eight at once on two cores, the home page waited half a
    /// second behind them; with one per core, its p95 went from 0.1 ms to 15 ms).
    /// </summary>
    public int SearchesAtOnce { get; set; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>Searches that may wait for one of <see cref="SearchesAtOnce"/>.</summary>
    public int SearchQueue { get; set; } = 16;

    /// <summary>
    /// How long a search may wait in that queue before it is answered 429 with Retry-After. Under a
    /// flood of clients that ask again the instant they are refused, a search's turn came after more
    /// than 10 s (measured at a million stories): a reader is better told to try again than kept
    /// waiting for a page that may never come.
    /// </summary>
    public TimeSpan SearchQueueWait { get; set; } = DefaultSearchQueueWait;

    /// <summary>What <see cref="SearchQueueWait"/> is when not configured, or configured as no time at all.</summary>
    public static readonly TimeSpan DefaultSearchQueueWait = TimeSpan.FromSeconds(3);
}

/// <summary>
/// The framework's rate limiting, attached where each limit belongs: sign-in and reports as endpoint
/// policies (<see cref="SignIn"/>, <see cref="Report"/>); sharing, receipt look-ups and support taps
/// as limiters their handlers ask, so that a person over a limit keeps what they typed and is told
/// when to try again. Every limit partitions clients by <see cref="ClientKey(HttpContext)"/>.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Report = "report";

    public static IServiceCollection AddMeTooRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<SubmissionLimiter>();
        services.AddSingleton<ReceiptLookupLimiter>();
        services.AddSingleton<TapLimiter>();
        services.AddSingleton<SearchLimiter>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(SignIn, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return HttpMethods.IsPost(context.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => Window(options.SignInsPerAddress, options.SignInWindow))
                    : RateLimitPartition.GetNoLimiter(string.Empty);
            });
            limiter.AddPolicy(Report, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => Window(options.ReportsPerClient, options.ReportWindow));
            });
        });
        return services;
    }

    /// <summary>
    /// The partition key: the client address, held in the limiter's memory only. An IPv6 client
    /// is one /64 — the block one household or phone is given — so it cannot rotate addresses
    /// within its own block to escape a limit; an IPv4-mapped address counts as IPv4.
    /// </summary>
    public static string ClientKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ClientKey(context.Connection.RemoteIpAddress);
    }

    /// <summary>
    /// The client's network for counting distinct reporters: an IPv6 /48 (commonly one site), an IPv4
    /// /24. Coarser than <see cref="ClientKey(HttpContext)"/> on purpose: many addresses of one
    /// household or one site must not look like many people.
    /// </summary>
    public static string NetworkKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return NetworkKey(context.Connection.RemoteIpAddress);
    }

    public static string NetworkKey(IPAddress? address) => PrefixKey(address, v4Bits: 24, v6Bits: 48);

    /// <summary>
    /// The keys of the IPv6 blocks around a client — its /64, /56 and /48 — each with its budget
    /// (the /64's times <see cref="RateLimitOptions.Slash56Multiple"/> and <see cref="RateLimitOptions.Slash48Multiple"/>).
    /// An IPv4 client is its address alone.
    /// </summary>
    public static IEnumerable<(string Key, int Permits)> BudgetKeys(IPAddress? address, int perClient, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        yield return (ClientKey(address), perClient);
        if (IsIPv6(address))
        {
            yield return (PrefixKey(address, 32, 56), checked(perClient * Math.Max(options.Slash56Multiple, 1)));
            yield return (PrefixKey(address, 32, 48), checked(perClient * Math.Max(options.Slash48Multiple, 1)));
        }
    }

    private static string PrefixKey(IPAddress? address, int v4Bits, int v6Bits)
    {
        address = Unmapped(address);
        if (address is null)
        {
            return "unknown";
        }

        var bits = address.AddressFamily == AddressFamily.InterNetworkV6 ? v6Bits : v4Bits;
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(bits - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes) + "/" + bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string ClientKey(IPAddress? address)
    {
        address = Unmapped(address);
        if (address is null)
        {
            return "unknown";
        }

        return IsIPv6(address) ? PrefixKey(address, v4Bits: 32, v6Bits: 64) : address.ToString();
    }

    /// <summary>An IPv4-mapped address counts as IPv4.</summary>
    private static IPAddress? Unmapped(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;

    private static bool IsIPv6(IPAddress? address) => Unmapped(address)?.AddressFamily == AddressFamily.InterNetworkV6;

    public static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = Math.Max(permits, 1), Window = window, QueueLimit = 0, AutoReplenishment = true };

    /// <summary>How long until a refused lease may be tried again, if the limiter says.</summary>
    public static TimeSpan? RetryAfter(RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null;
    }
}

/// <summary>What a limiter a handler asks answers: allowed, or refused with when to try again.</summary>
public readonly record struct LimitAnswer(bool Allowed, TimeSpan? RetryAfter)
{
    public static LimitAnswer Yes { get; } = new(true, null);
}

/// <summary>
/// Story submissions: per client first, then a global ceiling against floods — a client over its own
/// limit is refused before it can use up the permits everyone shares. Asked by the share page's
/// final step, which keeps the draft and says when to try again.
/// </summary>
public sealed class SubmissionLimiter : IDisposable
{
    public SubmissionLimiter(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _options = o;
        _blocks = new NetworkBudgets(o.ShareWindow);
        _global = PartitionedRateLimiter.Create<string, string>(_ => RateLimitPartition.GetFixedWindowLimiter("all", _ => RateLimits.Window(o.ShareGlobal, o.ShareWindow)));
    }

    private readonly RateLimitOptions _options;
    private readonly NetworkBudgets _blocks;
    private readonly PartitionedRateLimiter<string> _global;

    public LimitAnswer TryTake(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var own = _blocks.TryTake(RateLimits.BudgetKeys(context.Connection.RemoteIpAddress, _options.SharePerClient, _options));
        if (!own.Allowed)
        {
            return own;
        }

        using var lease = _global.AttemptAcquire("all");
        return lease.IsAcquired ? LimitAnswer.Yes : new LimitAnswer(false, RateLimits.RetryAfter(lease));
    }

    public void Dispose()
    {
        _blocks.Dispose();
        _global.Dispose();
    }
}

/// <summary>
/// Fixed-window budgets for a client and the IPv6 blocks around it (<see cref="RateLimits.BudgetKeys"/>):
/// a permit is taken from every level or from none, so a refusal at the /48 does not spend the /64's.
/// </summary>
public sealed class NetworkBudgets(TimeSpan window) : IDisposable
{
    private readonly PartitionedRateLimiter<(string Key, int Permits)> _limiter =
        PartitionedRateLimiter.Create<(string Key, int Permits), string>(level =>
            RateLimitPartition.GetFixedWindowLimiter(level.Key, _ => RateLimits.Window(level.Permits, window)));

    private readonly Lock _gate = new();

    public LimitAnswer TryTake(IEnumerable<(string Key, int Permits)> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var all = levels.ToList();
        lock (_gate)
        {
            // Fixed windows never give a permit back, so every level is checked before any is taken.
            foreach (var level in all)
            {
                if (_limiter.GetStatistics(level) is { CurrentAvailablePermits: < 1 })
                {
                    using var refused = _limiter.AttemptAcquire(level);
                    return new LimitAnswer(false, RateLimits.RetryAfter(refused));
                }
            }

            foreach (var level in all)
            {
                using var lease = _limiter.AttemptAcquire(level);
            }

            return LimitAnswer.Yes;
        }
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// Receipt look-ups at /my-story: only wrong receipts count, so an author is never held back by
/// their own steps (each re-checks the receipt), while guessing receipts stops after a few tries.
/// </summary>
public sealed class ReceiptLookupLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public ReceiptLookupLimiter(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _failures = PartitionedRateLimiter.Create<string, string>(client =>
            RateLimitPartition.GetFixedWindowLimiter(client, _ => RateLimits.Window(o.ReceiptLookupsPerClient, o.ReceiptLookupWindow)));
    }

    /// <summary>Whether this client may try a receipt now (it has wrong tries left in the window).</summary>
    public LimitAnswer MayTry(HttpContext context)
    {
        var key = RateLimits.ClientKey(context);
        if (_failures.GetStatistics(key) is { CurrentAvailablePermits: <= 0 })
        {
            using var probe = _failures.AttemptAcquire(key, 0);
            return new LimitAnswer(false, RateLimits.RetryAfter(probe) ?? TimeSpan.FromMinutes(1));
        }

        return LimitAnswer.Yes;
    }

    /// <summary>Counts a wrong receipt against the client.</summary>
    public void CountFailure(HttpContext context)
    {
        using var lease = _failures.AttemptAcquire(RateLimits.ClientKey(context));
    }

    public void Dispose() => _failures.Dispose();
}

/// <summary>
/// A per-address daily cap on support and #MeToo taps, besides the per-client once-a-day key: one
/// address rotating its user agent cannot add more than the cap in a day, nor one household or site
/// by spreading over its IPv6 /64s (caps per /56 and /48 too). Over a cap a tap is answered like any
/// other but not counted.
/// </summary>
public sealed class TapLimiter : IDisposable
{
    public TapLimiter(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _budgets = new NetworkBudgets(TimeSpan.FromDays(1));
    }

    private readonly RateLimitOptions _options;
    private readonly NetworkBudgets _budgets;

    /// <summary>
    /// One tap of <paramref name="kind"/> from this client, within its address's day budget and, on
    /// IPv6, its /56's and its /48's (<see cref="RateLimitOptions.Slash56Multiple"/>, <see cref="RateLimitOptions.Slash48Multiple"/>).
    /// </summary>
    public bool TryTake(HttpContext context, string kind)
    {
        ArgumentNullException.ThrowIfNull(context);
        var levels = RateLimits.BudgetKeys(context.Connection.RemoteIpAddress, _options.TapsPerAddressPerDay, _options)
            .Select(level => (kind + " " + level.Key, level.Permits));
        return _budgets.TryTake(levels).Allowed;
    }

    public void Dispose() => _budgets.Dispose();
}

/// <summary>
/// Searches with words: a full-text query is the heaviest thing a reader can ask for, so one
/// address gets a budget per window, and only a few run at once for everyone, with a short queue.
/// Asked by the search's door (<see cref="Reading.SearchAdmission"/>); the stories page answers 429
/// with the reader's words still in the form. The lease is held until the search's page is written.
/// </summary>
public sealed class SearchLimiter : IDisposable
{
    /// <summary>Said to a client refused because too many searches run: they end in well under this.</summary>
    public static readonly TimeSpan BusyRetryAfter = TimeSpan.FromSeconds(5);

    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TimeSpan _queueWait;

    public SearchLimiter(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _queueWait = o.SearchQueueWait > TimeSpan.Zero ? o.SearchQueueWait : RateLimitOptions.DefaultSearchQueueWait;
        _limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => RateLimits.Window(o.SearchesPerAddress, o.SearchWindow))),
            PartitionedRateLimiter.Create<string, string>(_ => RateLimitPartition.GetConcurrencyLimiter("all", _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = Math.Max(o.SearchesAtOnce, 1),
                QueueLimit = Math.Max(o.SearchQueue, 0),
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })));
    }

    /// <summary>A lease to hold while the search runs (dispose it after), or a refusal with when to try again.</summary>
    public async ValueTask<(RateLimitLease Lease, LimitAnswer Answer)> AcquireAsync(string clientKey, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waiting.CancelAfter(_queueWait);
        RateLimitLease lease;
        try
        {
            lease = await _limiter.AcquireAsync(clientKey, 1, waiting.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Waited its longest in the queue: the searches ahead of it are still running.
            return (NotAcquired.Lease, new LimitAnswer(false, BusyRetryAfter));
        }

        return (lease, lease.IsAcquired ? LimitAnswer.Yes : new LimitAnswer(false, RateLimits.RetryAfter(lease) ?? BusyRetryAfter));
    }

    /// <summary>The answer to a search that waited too long: nothing was taken, so nothing is given back.</summary>
    private sealed class NotAcquired : RateLimitLease
    {
        public static readonly NotAcquired Lease = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    public ValueTask<(RateLimitLease Lease, LimitAnswer Answer)> AcquireAsync(HttpContext context, CancellationToken cancellationToken) =>
        AcquireAsync(RateLimits.ClientKey(context), cancellationToken);

    public void Dispose() => _limiter.Dispose();
}
